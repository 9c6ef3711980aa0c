namespace Waymark.Server.Cli;

/// <summary>Splits admin arguments into command words, <c>--flag value</c> pairs and configuration overrides (<c>--Key:Sub=value</c>).</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Words { get; private init; } = [];

    public string[] ConfigurationArgs { get; private init; } = [];

    public string? Flag(string name) => _flags.GetValueOrDefault(name);

    public static CommandLine Parse(string[] args)
    {
        var words = new List<string>();
        var configuration = new List<string>();
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                flags[arg[2..]] = args[++i];
            }
            else
            {
                words.Add(arg);
            }
        }
        var line = new CommandLine { Words = words, ConfigurationArgs = [.. configuration] };
        foreach (var (key, value) in flags) line._flags[key] = value;
        return line;
    }
}
