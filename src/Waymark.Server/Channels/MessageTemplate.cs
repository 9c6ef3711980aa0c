using System.Collections.Concurrent;
using System.Text.Json;
using Fluid;

namespace Waymark.Server.Channels;

/// <summary>A channel's message: Liquid templates for the subject (email, in-app) and the body.</summary>
public sealed record MessageTemplate(string? Subject, string Body)
{
    public const int MaxSubjectLength = 1000;
    public const int MaxBodyLength = 100_000;

    public static MessageTemplate Empty { get; } = new(null, "");

    public static MessageTemplate FromJson(string json) =>
        JsonSerializer.Deserialize<MessageTemplate>(json, JsonSerializerOptions.Web) ?? Empty;

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
}

/// <summary>The one Liquid parser: templates are checked with it when saved and compiled with it when sent.</summary>
public static class Liquid
{
    private const int MaxCompiled = 1024;

    // A parser is immutable once built and safe to share between threads; so are parsed templates.
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Compiled = new(StringComparer.Ordinal);

    /// <summary>The parser's message for a template that does not parse, or null.</summary>
    public static string? SyntaxError(string source) => Parser.TryParse(source, out _, out var error) ? null : error;

    /// <exception cref="ParseException">When the source does not parse (it was checked when saved).</exception>
    public static IFluidTemplate Parse(string source) => Parser.Parse(source);

    /// <summary>The parsed template, kept for the next delivery through the same channel.</summary>
    /// <exception cref="ParseException">When the source does not parse (it was checked when saved).</exception>
    public static IFluidTemplate Compile(string source)
    {
        if (Compiled.TryGetValue(source, out var template)) return template;
        if (Compiled.Count >= MaxCompiled) Compiled.Clear();
        return Compiled.GetOrAdd(source, Parse);
    }
}
