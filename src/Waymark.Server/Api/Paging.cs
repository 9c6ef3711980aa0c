using System.Globalization;
using Waymark.Domain;

namespace Waymark.Server.Api;

/// <summary>Offset pagination (SPEC §1): limit 1–200 (default 50), offset ≥ 0.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static Paging Read(HttpRequest request, FieldProblems problems)
    {
        var limit = ReadInt(request, "limit", DefaultLimit, 1, MaxLimit, problems);
        var offset = ReadInt(request, "offset", 0, 0, int.MaxValue, problems);
        return new Paging(limit, offset);
    }

    private static int ReadInt(HttpRequest request, string name, int fallback, int min, int max, FieldProblems problems)
    {
        var raw = request.Query[name];
        if (raw.Count == 0) return fallback;
        if (!int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add(name, max == int.MaxValue ? $"must be an integer ≥ {min}" : $"must be an integer from {min} to {max}");
            return fallback;
        }
        return value;
    }
}

/// <summary>Problems gathered from query strings, answered as one 400.</summary>
public sealed class FieldProblems : List<Problem>
{
    public void Add(string field, string message) => Add(new Problem(field, message));
}

public sealed record Page<T>(IReadOnlyList<T> Data, PageInfo Pagination);

public sealed record PageInfo(int Total, int Limit, int Offset, bool HasMore)
{
    public static PageInfo Of(int total, Paging paging) =>
        new(total, paging.Limit, paging.Offset, paging.Offset + paging.Limit < total);
}
