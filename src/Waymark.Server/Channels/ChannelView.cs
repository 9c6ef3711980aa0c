using Waymark.Domain.Definitions;
using Waymark.Server.Persistence;

namespace Waymark.Server.Channels;

/// <summary>A channel as the API shows it: secrets and header values are write-only, so only their presence shows.</summary>
public sealed record ChannelView(
    string Id,
    string Name,
    string ChannelType,
    string Status,
    object ProviderConfig,
    MessageTemplate Template,
    FrequencyCapView? FrequencyCap,
    QuietHours? QuietHours,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static ChannelView From(Channel channel) => new(
        channel.Id,
        channel.Name,
        channel.ChannelType,
        channel.Status,
        ConfigView(channel.ChannelType, Channels.ProviderConfig.FromJson(channel.ProviderConfig)),
        MessageTemplate.FromJson(channel.Template),
        channel.FrequencyCapCount is { } count && channel.FrequencyCapHours is { } hours ? new FrequencyCapView(count, hours) : null,
        Channels.QuietHours.FromJson(channel.QuietHours),
        channel.CreatedAt,
        channel.UpdatedAt);

    private static object ConfigView(string type, ProviderConfig config) => type switch
    {
        ChannelTypes.Email => new SmtpConfigView(config.Host, config.Port, config.Tls, config.Username, config.Password is not null, config.From, config.Timeout),
        ChannelTypes.InApp => new InAppConfigView(),
        _ => new HttpConfigView(config.Url, config.Secret is not null, [.. (config.Headers ?? []).Keys.Order(StringComparer.OrdinalIgnoreCase)], config.Timeout),
    };
}

public sealed record FrequencyCapView(int Count, int Hours);

/// <param name="HeaderNames">The configured headers; their values are not shown.</param>
public sealed record HttpConfigView(string? Url, bool HasSecret, IReadOnlyList<string> HeaderNames, int TimeoutMs);

public sealed record SmtpConfigView(string? Host, int? Port, string? Tls, string? Username, bool HasPassword, string? From, int TimeoutMs);

public sealed record InAppConfigView;
