using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;
using Waymark.Server.Channels;

namespace Waymark.Server.Deliveries;

/// <summary>
/// Email deliveries over SMTP. The Message-Id is derived from the idempotency key, so every try
/// of one delivery carries the same id and mail systems that deduplicate on it show it once.
/// SMTP 4xx replies and connection trouble may succeed later; 5xx replies and failed logins will not.
/// </summary>
public sealed class SmtpChannelSender(TimeProvider clock)
{
    public static string MessageIdFor(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@waymark";

    public async Task<SendResult> SendAsync(OutgoingMessage m, CancellationToken ct)
    {
        var config = m.Config;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(config.From!));
        message.To.Add(MailboxAddress.Parse(m.To));
        message.Subject = m.Message.Subject ?? "";
        message.MessageId = MessageIdFor(m.Delivery.IdempotencyKey);
        message.Date = clock.GetUtcNow();
        message.Headers.Add("X-Waymark-Delivery-Id", m.Delivery.Id);
        message.Body = new TextPart(TextFormat.Plain) { Text = m.Message.Body };

        using var client = new SmtpClient { Timeout = config.Timeout };
        try
        {
            await client.ConnectAsync(config.Host!, config.Port!.Value, Security(config.Tls), ct);
            if (config.Username is { } username) await client.AuthenticateAsync(username, config.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return SendResult.Sent(250);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var error = $"SMTP {code}: {e.Message}";
            return code is >= 400 and < 500 ? SendResult.Retry(code, error) : SendResult.Fail(code, error);
        }
        catch (AuthenticationException e)
        {
            return SendResult.Fail(null, $"SMTP login refused: {e.Message}");
        }
        catch (SslHandshakeException e)
        {
            return SendResult.Fail(null, $"TLS handshake failed: {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return SendResult.Retry(null, $"SMTP connection to {config.Host}:{config.Port}: {e.Message}");
        }
    }

    private static SecureSocketOptions Security(string? tls) => tls switch
    {
        TlsModes.None => SecureSocketOptions.None,
        TlsModes.Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
