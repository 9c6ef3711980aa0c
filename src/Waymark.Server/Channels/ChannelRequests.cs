namespace Waymark.Server.Channels;

// Request contracts as the OpenAPI document shows them. Bodies are read field by field
// (ChannelInput, ProviderConfigInput) so that each wrong field gets its own message.

/// <param name="Name">1–255 characters, unique in the tenant.</param>
/// <param name="ChannelType">email, sms, push, webhook or in_app.</param>
/// <param name="Status">active (default) or inactive.</param>
/// <param name="ProviderConfig">Webhook, sms, push: url, secret, headers, timeoutMs. Email: host, port, tls, username, password, from, timeoutMs. In-app: none.</param>
/// <param name="Template">Liquid subject and body, rendered with customer, offer and journey.</param>
/// <param name="FrequencyCap">At most count deliveries per customer through this channel in hours.</param>
/// <param name="QuietHours">Nothing is sent between start and end (HH:mm) in the customer's timezone attribute, else this timezone.</param>
public sealed record CreateChannelRequest(
    string Name,
    string ChannelType,
    string? Status,
    ProviderConfigRequest? ProviderConfig,
    TemplateRequest? Template,
    FrequencyCapRequest? FrequencyCap,
    QuietHoursRequest? QuietHours);

/// <summary>Every field optional. Secrets, password and headers left out of providerConfig are kept.</summary>
public sealed record UpdateChannelRequest(
    string? Name,
    string? ChannelType,
    string? Status,
    ProviderConfigRequest? ProviderConfig,
    TemplateRequest? Template,
    FrequencyCapRequest? FrequencyCap,
    QuietHoursRequest? QuietHours);

/// <param name="Url">Absolute http or https URL (webhook, sms, push).</param>
/// <param name="Secret">HMAC-SHA256 key of X-Waymark-Signature, 16–512 characters; required for webhooks. Write-only.</param>
/// <param name="Headers">Extra request headers. Write-only.</param>
/// <param name="TimeoutMs">100–60000, default 10000.</param>
/// <param name="Port">1–65535.</param>
/// <param name="Tls">none, starttls (default) or ssl.</param>
/// <param name="Password">Write-only.</param>
/// <param name="From">The sender address, e.g. "Acme &lt;news@acme.example&gt;".</param>
public sealed record ProviderConfigRequest(
    string? Url,
    string? Secret,
    IReadOnlyDictionary<string, string>? Headers,
    int? TimeoutMs,
    string? Host,
    int? Port,
    string? Tls,
    string? Username,
    string? Password,
    string? From);

/// <param name="Subject">Liquid; required for email.</param>
/// <param name="Body">Liquid; required for all but webhooks.</param>
public sealed record TemplateRequest(string? Subject, string? Body);

/// <param name="Count">1–10000.</param>
/// <param name="Hours">1–8784.</param>
public sealed record FrequencyCapRequest(int Count, int Hours);

/// <param name="Start">HH:mm.</param>
/// <param name="End">HH:mm; before start for a window past midnight.</param>
/// <param name="Timezone">IANA id, UTC or an offset such as +05:30; default UTC.</param>
public sealed record QuietHoursRequest(string Start, string End, string? Timezone);
