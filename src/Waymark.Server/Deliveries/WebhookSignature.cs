using System.Security.Cryptography;
using System.Text;

namespace Waymark.Server.Deliveries;

/// <summary>
/// The signature on HTTP deliveries: <c>X-Waymark-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>,
/// with the unix-seconds timestamp in <c>X-Waymark-Timestamp</c>. Receivers recompute it over the raw
/// body, compare in constant time, and reject stale timestamps to stop replays.
/// </summary>
public static class WebhookSignature
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string TimestampHeader = "X-Waymark-Timestamp";
    public const string SignatureHeader = "X-Waymark-Signature";
    public const string DeliveryIdHeader = "X-Waymark-Delivery-Id";

    public static string Sign(string secret, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time check of a received signature header.</summary>
    public static bool Verify(string secret, string timestamp, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
