using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Waymark.Server.Api;

public static class JsonDefaults
{
    /// <summary>The options of every response: camelCase, nulls written, timestamps as SPEC §1 fixes them.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // JSON is the only consumer; escaping non-ASCII text would only make messages harder to read.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        if (!options.Converters.OfType<UtcTimestampConverter>().Any())
        {
            options.Converters.Add(new UtcTimestampConverter());
        }
        return options;
    }

    public static string Format(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>UTC, ISO-8601, exactly three fractional digits and a Z: <c>2026-02-15T10:00:00.000Z</c>.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(JsonDefaults.Format(value));
}
