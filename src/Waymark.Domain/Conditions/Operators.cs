namespace Waymark.Domain.Conditions;

public static class Operators
{
    public const string Eq = "eq";
    public const string Neq = "neq";
    public const string Gt = "gt";
    public const string Gte = "gte";
    public const string Lt = "lt";
    public const string Lte = "lte";
    public const string In = "in";
    public const string NotIn = "not_in";
    public const string Contains = "contains";
    public const string NotContains = "not_contains";
    public const string StartsWith = "starts_with";
    public const string EndsWith = "ends_with";
    public const string Exists = "exists";
    public const string NotExists = "not_exists";

    public static IReadOnlyList<string> All { get; } =
    [
        Eq, Neq, Gt, Gte, Lt, Lte, In, NotIn, Contains, NotContains, StartsWith, EndsWith, Exists, NotExists,
    ];

    // Alias -> canonical name, in the order they are listed to users.
    public static IReadOnlyList<KeyValuePair<string, string>> Aliases { get; } =
    [
        new("equals", Eq),
        new("not_equals", Neq),
        new("greater_than", Gt),
        new("less_than", Lt),
        new("==", Eq),
        new("!=", Neq),
        new(">", Gt),
        new(">=", Gte),
        new("<", Lt),
        new("<=", Lte),
    ];

    private static readonly Dictionary<string, string> CanonicalByName = BuildLookup();

    public static string? Canonical(string op) =>
        CanonicalByName.TryGetValue(op, out var canonical) ? canonical : null;

    public static bool NeedsValue(string canonical) => canonical is not (Exists or NotExists);

    public static bool NeedsArray(string canonical) => canonical is In or NotIn;

    internal static string Describe() =>
        string.Join(", ", All) + ", or an alias: " + string.Join(", ", Aliases.Select(alias => alias.Key));

    private static Dictionary<string, string> BuildLookup()
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in All)
        {
            lookup[name] = name;
        }

        foreach (var (alias, canonical) in Aliases)
        {
            lookup[alias] = canonical;
        }

        return lookup;
    }
}
