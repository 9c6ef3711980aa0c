using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Waymark.Server.Api;

public sealed class ApiOptions
{
    /// <summary>Largest request body accepted, in bytes (413 beyond it).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>A request body read as a JSON object, or the error that answers it.</summary>
public readonly record struct Body(JsonElement Json, ApiError? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// Reads request bodies by hand rather than through model binding, so that every way a body can be
/// wrong (media type, size, syntax, shape, field types) gets the envelope and a precise message.
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <param name="required">When false, an absent body reads as <c>{}</c>.</param>
    public static async Task<Body> ReadObjectAsync(HttpRequest request, bool required = true)
    {
        var body = await ReadAsync(request, required);
        if (!body.Failed && body.Json.ValueKind != JsonValueKind.Object)
        {
            return new Body(default, ApiError.Validation("body", "must be a JSON object"));
        }
        return body;
    }

    /// <summary>Any JSON value (an object or an array of them, for batch endpoints).</summary>
    public static async Task<Body> ReadAsync(HttpRequest request, bool required = true)
    {
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        if (request.ContentLength > limit) return new Body(default, ApiError.PayloadTooLarge(limit));

        var bytes = await ReadLimitedAsync(request, limit);
        if (bytes is null) return new Body(default, ApiError.PayloadTooLarge(limit));
        if (bytes.Length == 0)
        {
            return required
                ? new Body(default, ApiError.BadRequest("request body is required"))
                : new Body(EmptyObject, null);
        }
        if (!IsJson(request.ContentType))
        {
            return new Body(default, ApiError.UnsupportedMediaType(
                $"request body must be application/json (got {(string.IsNullOrEmpty(request.ContentType) ? "no content type" : request.ContentType)})"));
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, ParseOptions);
            return new Body(document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            // The reader's own first sentence says what is wrong ("... is invalid after a value", "depth ... exceeds").
            var what = e.Message.Split(" LineNumber:", 2)[0].Trim();
            return new Body(default, ApiError.BadRequest($"malformed JSON{where}: {what}"));
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    // Reads at most limit bytes; null when the body is longer (chunked bodies carry no length up front).
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, long limit)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, request.HttpContext.RequestAborted);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) return null;
        }
        return buffer.WrittenSpan.ToArray();
    }
}
