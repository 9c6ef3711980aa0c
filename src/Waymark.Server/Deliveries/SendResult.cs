namespace Waymark.Server.Deliveries;

/// <summary>What one try at sending came to.</summary>
/// <param name="Transient">For a failure: whether trying again may succeed (timeouts, 5xx, 429, connection errors).</param>
/// <param name="StatusCode">The receiver's HTTP status or SMTP reply code, when it answered.</param>
public sealed record SendResult(bool Success, bool Transient, int? StatusCode, string? Error)
{
    public static SendResult Sent(int? statusCode) => new(true, false, statusCode, null);

    public static SendResult Retry(int? statusCode, string error) => new(false, true, statusCode, error);

    public static SendResult Fail(int? statusCode, string error) => new(false, false, statusCode, error);
}
