using System.Text.Json;
using System.Text.Json.Serialization;
using Waymark.Domain.Definitions;

namespace Waymark.Server.Channels;

/// <summary>
/// A channel's provider settings as stored (secrets included). HTTP channels (webhook, sms, push)
/// use Url, Secret, Headers and TimeoutMs; email uses the SMTP fields; in-app needs none.
/// </summary>
public sealed class ProviderConfig
{
    public const int DefaultTimeoutMs = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? Url { get; init; }

    /// <summary>HMAC key of the signature header. Write-only: never shown, never logged.</summary>
    public string? Secret { get; init; }

    /// <summary>Extra request headers. Their values often carry credentials, so they are write-only too.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    public int? TimeoutMs { get; init; }

    public string? Host { get; init; }
    public int? Port { get; init; }

    /// <summary>none, starttls or ssl.</summary>
    public string? Tls { get; init; }

    public string? Username { get; init; }

    /// <summary>SMTP password. Write-only: never shown, never logged.</summary>
    public string? Password { get; init; }

    public string? From { get; init; }

    public int Timeout => TimeoutMs ?? DefaultTimeoutMs;

    public static bool UsesHttp(string channelType) =>
        channelType is ChannelTypes.Webhook or ChannelTypes.Sms or ChannelTypes.Push;

    public static ProviderConfig FromJson(string json) => JsonSerializer.Deserialize<ProviderConfig>(json, Json) ?? new ProviderConfig();

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>SMTP connection security.</summary>
public static class TlsModes
{
    public const string None = "none";
    public const string StartTls = "starttls";
    public const string Ssl = "ssl";

    public static IReadOnlyList<string> All { get; } = [None, StartTls, Ssl];
}
