using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Waymark.Domain.Conditions;

// Comparison rules of conditions:
// - numbers compare as numbers, also against a string that reads as a finite number;
// - two strings that both read as ISO-8601 dates or date-times compare as instants
//   (a date alone is midnight UTC, a time without offset is UTC);
// - any other pair of scalars compares ordinally by text (true/false for booleans, the raw
//   JSON text for numbers);
// - objects and arrays are only ever equal to a structurally equal value and have no order.
internal static partial class JsonValueComparer
{
    private const NumberStyles StrictNumber =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (IsStructured(a) || IsStructured(b))
        {
            return a.ValueKind == b.ValueKind && JsonElement.DeepEquals(a, b);
        }

        return Compare(a, b) == 0;
    }

    // Null when the pair has no order.
    public static int? Compare(JsonElement a, JsonElement b)
    {
        if (Text(a) is not { } textA || Text(b) is not { } textB)
        {
            return null;
        }

        if (TryCompareNumbers(a, b, out var byNumber))
        {
            return byNumber;
        }

        if (a.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String
            && TryInstant(textA, out var instantA) && TryInstant(textB, out var instantB))
        {
            return instantA.CompareTo(instantB);
        }

        return Math.Sign(string.CompareOrdinal(textA, textB));
    }

    public static bool Contains(JsonElement actual, JsonElement expected)
    {
        if (actual.ValueKind == JsonValueKind.Array)
        {
            return actual.EnumerateArray().Any(item => AreEqual(item, expected));
        }

        return TextOfStringOrNumber(actual) is { } haystack && Text(expected) is { } needle
            && haystack.Contains(needle, StringComparison.Ordinal);
    }

    public static bool StartsWith(JsonElement actual, JsonElement expected) =>
        TextOfStringOrNumber(actual) is { } text && Text(expected) is { } prefix
        && text.StartsWith(prefix, StringComparison.Ordinal);

    public static bool EndsWith(JsonElement actual, JsonElement expected) =>
        TextOfStringOrNumber(actual) is { } text && Text(expected) is { } suffix
        && text.EndsWith(suffix, StringComparison.Ordinal);

    private static bool IsStructured(JsonElement value) =>
        value.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string? TextOfStringOrNumber(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? Text(value) : null;

    // Two strings never compare numerically: "10" and "9" stay text, as the spec's rules say.
    private static bool TryCompareNumbers(JsonElement a, JsonElement b, out int result)
    {
        result = 0;
        if (a.ValueKind != JsonValueKind.Number && b.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (TryDecimal(a, out var decimalA) && TryDecimal(b, out var decimalB))
        {
            result = decimalA.CompareTo(decimalB);
            return true;
        }

        // Beyond decimal's range: doubles lose precision but keep the order of magnitudes.
        if (TryDouble(a, out var doubleA) && TryDouble(b, out var doubleB))
        {
            result = doubleA.CompareTo(doubleB);
            return true;
        }

        return false;
    }

    private static bool TryDecimal(JsonElement value, out decimal number)
    {
        number = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out number),
            JsonValueKind.String => decimal.TryParse(value.GetString(), StrictNumber, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    // A JSON number too large for a double reads as an infinity, which still orders correctly;
    // a string only counts as a number when it is finite ("Infinity" is text).
    private static bool TryDouble(JsonElement value, out double number)
    {
        number = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out number) || TryParseDouble(value.GetRawText(), out number),
            JsonValueKind.String => TryParseDouble(value.GetString(), out number) && double.IsFinite(number),
            _ => false,
        };
    }

    private static bool TryParseDouble(string? text, out double number) =>
        double.TryParse(text, StrictNumber, CultureInfo.InvariantCulture, out number);

    private static bool TryInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        return IsoDatePrefix().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDatePrefix();
}
