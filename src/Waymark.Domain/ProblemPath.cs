using System.Globalization;

namespace Waymark.Domain;

internal static class ProblemPath
{
    public static string Child(string prefix, string name) =>
        prefix.Length == 0 ? name : prefix + "." + name;

    public static string Item(string prefix, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}[{index}]");
}
