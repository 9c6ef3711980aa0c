using System.Text.Json;
using MimeKit;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;

namespace Waymark.Server.Channels;

/// <summary>
/// Validates <c>providerConfig</c> for a channel type. Secrets are write-only, so an update that
/// leaves out <c>secret</c>, <c>password</c> or <c>headers</c> keeps the stored ones; an explicit
/// null clears them.
/// </summary>
public static class ProviderConfigInput
{
    public const string Field = "providerConfig";

    // Headers the dispatcher sets itself; a configured one must not replace them.
    private static readonly string[] ReservedHeaders =
        ["Idempotency-Key", "X-Waymark-Timestamp", "X-Waymark-Signature", "X-Waymark-Delivery-Id", "Content-Type", "Content-Length", "Host"];

    /// <param name="stored">The channel's current config, when it is of the same kind (HTTP or SMTP).</param>
    public static ProviderConfig? Read(JsonElement? element, string channelType, ProviderConfig? stored, FieldReader parent)
    {
        if (element is not { } config)
        {
            if (channelType == ChannelTypes.InApp) return new ProviderConfig();
            parent.Add(Field, "is required");
            return null;
        }
        var fields = new FieldReader(config, Field + ".");
        var result = channelType switch
        {
            ChannelTypes.InApp => new ProviderConfig(),
            ChannelTypes.Email => ReadSmtp(fields, stored),
            _ => ReadHttp(fields, channelType, stored),
        };
        parent.AddRange(fields.Problems);
        return fields.Valid ? result : null;
    }

    private static ProviderConfig ReadHttp(FieldReader fields, string channelType, ProviderConfig? stored)
    {
        var url = fields.String("url", required: true, min: 1, max: 2048);
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            fields.Add("url", "must be an absolute http or https URL");
        }
        var secret = fields.Has("secret") ? fields.String("secret", min: 16, max: 512, allowNull: true) : stored?.Secret;
        if (channelType == ChannelTypes.Webhook && secret is null && !HasProblem(fields, "secret"))
        {
            fields.Add("secret", "is required for a webhook (16–512 characters): receivers verify the signature with it");
        }
        return new ProviderConfig
        {
            Url = url,
            Secret = secret,
            Headers = fields.Has("headers") ? ReadHeaders(fields) : stored?.Headers,
            TimeoutMs = fields.Int("timeoutMs", 100, 60_000) ?? ProviderConfig.DefaultTimeoutMs,
        };
    }

    private static ProviderConfig ReadSmtp(FieldReader fields, ProviderConfig? stored)
    {
        var host = fields.String("host", required: true, min: 1, max: 255);
        if (host is not null && Uri.CheckHostName(host) == UriHostNameType.Unknown) fields.Add("host", "must be a host name or an IP address");
        var tls = fields.String("tls") ?? TlsModes.StartTls;
        if (!TlsModes.All.Contains(tls, StringComparer.Ordinal))
        {
            fields.Add("tls", $"must be one of {string.Join(", ", TlsModes.All)} (got '{tls}')");
        }
        var from = fields.String("from", required: true, min: 3, max: 320);
        if (from is not null && !IsEmailAddress(from)) fields.Add("from", "must be an email address, e.g. \"Waymark <news@example.com>\"");
        var username = fields.String("username", max: 255, allowNull: true);
        var password = fields.Has("password") ? fields.String("password", max: 512, allowNull: true) : stored?.Password;
        if (username is not null && password is null && !HasProblem(fields, "password")) fields.Add("password", "is required with a username");
        return new ProviderConfig
        {
            Host = host,
            Port = fields.Int("port", 1, 65535, required: true),
            Tls = tls,
            Username = username,
            Password = username is null ? null : password,
            From = from,
            TimeoutMs = fields.Int("timeoutMs", 100, 60_000) ?? ProviderConfig.DefaultTimeoutMs,
        };
    }

    private static Dictionary<string, string>? ReadHeaders(FieldReader fields)
    {
        if (fields.IsNull("headers")) return null;
        if (fields.Object("headers") is not { } headers) return null;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers.EnumerateObject())
        {
            var field = $"headers.{header.Name}";
            if (!IsToken(header.Name)) fields.Add(field, "is not a valid header name");
            else if (ReservedHeaders.Contains(header.Name, StringComparer.OrdinalIgnoreCase)) fields.Add(field, "is set by Waymark and cannot be configured");
            else if (header.Value.ValueKind != JsonValueKind.String) fields.Add(field, "must be a string");
            else if (header.Value.GetString()!.Any(c => c is '\r' or '\n')) fields.Add(field, "must not contain line breaks");
            else result[header.Name] = header.Value.GetString()!;
        }
        if (result.Count > 50) fields.Add("headers", "must have at most 50 entries");
        return result;
    }

    public static bool IsEmailAddress(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < mailbox.Address.Length - 1;

    private static bool IsToken(string name) =>
        name.Length is > 0 and <= 256 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    private static bool HasProblem(FieldReader fields, string name) =>
        fields.Problems.Any(p => p.Field.EndsWith("." + name, StringComparison.Ordinal));
}
