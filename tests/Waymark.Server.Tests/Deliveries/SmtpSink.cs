using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Waymark.Server.Tests.Deliveries;

/// <summary>A real SMTP server on a loopback port that keeps every message it accepts, parsed.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly CancellationTokenSource _stop;
    private readonly Store _store;

    private SmtpSink(SmtpServer.SmtpServer server, Task running, CancellationTokenSource stop, Store store, int port)
    {
        _server = server;
        _running = running;
        _stop = stop;
        _store = store;
        Port = port;
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. _store.Messages];

    /// <summary>The logins the server saw, and accepted only for this user and password.</summary>
    public IReadOnlyList<string> Logins => [.. _store.Logins];

    public static async Task<SmtpSink> StartAsync(string user, string password)
    {
        var store = new Store();
        var port = FreeLoopbackPort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AllowUnsecureAuthentication(true).AuthenticationRequired(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        services.Add(new DelegatingUserAuthenticator((name, secret) =>
        {
            store.Logins.Enqueue(name);
            return name == user && secret == password;
        }));
        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        await WaitUntilListeningAsync(port);
        return new SmtpSink(server, running, stop, store, port);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();
        public ConcurrentQueue<string> Logins { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
