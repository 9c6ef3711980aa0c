using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Waymark.Server.Tests.Infrastructure;

/// <summary>A throwaway PostgreSQL cluster living in a fresh temp directory, stopped and deleted on
/// dispose or, failing that, when the test process ends. Tests share <see cref="Shared"/> and each test
/// creates a database of its own, so nothing depends on what another test inserted.</summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string DataFolder = "data";
    private const string SocketFolder = "socket";
    private const int StartAttempts = 4;
    // Durability is pointless for a throwaway cluster; turning it off makes schema setup several times faster.
    private const string ServerSettings = "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
        "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Task<PostgresCluster>> LazyShared = new(() => StartAsync(isShared: true));

    private readonly string _rootDirectory;
    private readonly string _dataDirectory;
    private readonly string _pgCtl;
    private readonly bool _runAsPostgres;
    private readonly bool _isShared;
    private readonly Process _watchdog;
    private int _stopped;

    private PostgresCluster(string rootDirectory, string pgCtl, bool runAsPostgres, bool isShared, int port, Process watchdog)
    {
        _rootDirectory = rootDirectory;
        _dataDirectory = Path.Combine(rootDirectory, DataFolder);
        _pgCtl = pgCtl;
        _runAsPostgres = runAsPostgres;
        _isShared = isShared;
        _watchdog = watchdog;
        Port = port;
    }

    /// <summary>One cluster per test process, started on first use and stopped at process exit.
    /// A failed start is cached too, so every caller sees the same reason without retrying.</summary>
    public static Task<PostgresCluster> Shared => LazyShared.Value;

    public int Port { get; }

    public static Task<PostgresCluster> StartAsync() => StartAsync(isShared: false);

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Pooling = true,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Creates a database, optionally as a copy of <paramref name="template"/>. PostgreSQL refuses
    /// to copy a template that has open connections, so the template's idle pooled connections are closed first.</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        if (template is not null)
            ClearPool(template);
        var sql = template is null
            ? $"CREATE DATABASE {QuoteIdentifier(name)}"
            : $"CREATE DATABASE {QuoteIdentifier(name)} TEMPLATE {QuoteIdentifier(template)}";
        await ExecuteAsync(sql);
    }

    /// <summary>Drops a database even while connections to it are open; the pool for its connection string is
    /// cleared so a later database of the same name does not receive dead connections.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)");
        ClearPool(name);
    }

    /// <summary>Stops and deletes the cluster. A no-op for <see cref="Shared"/>, which other tests
    /// are still using; it is stopped at process exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_isShared)
            await StopAsync();
    }

    private static async Task<PostgresCluster> StartAsync(bool isShared)
    {
        var (initdb, pgCtl) = FindBinaries() ?? throw new PostgresUnavailableException(
            "PostgreSQL server binaries not found: neither initdb and pg_ctl on PATH nor /usr/lib/postgresql/*/bin. " +
            "Install the server package (Debian: apt-get install postgresql) to run the PostgreSQL tests.");

        // The server refuses to run as root, so under root it runs as the postgres account.
        var runAsPostgres = Environment.UserName == "root";
        if (runAsPostgres && (await RunAsync("id", ["-u", Superuser], asPostgres: false)).ExitCode != 0)
            throw new PostgresUnavailableException(
                $"Running as root, but there is no '{Superuser}' user to run the PostgreSQL server as.");

        var root = Directory.CreateTempSubdirectory("waymark-pg-").FullName;
        var watchdog = StartWatchdog(root, pgCtl, runAsPostgres);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, SocketFolder));
            if (runAsPostgres)
                (await RunAsync("chown", ["-R", Superuser, root], asPostgres: false)).EnsureSuccess();

            (await RunAsync(initdb,
                ["-D", Path.Combine(root, DataFolder), "-A", "trust", "-U", Superuser, "--encoding=UTF8", "--no-locale", "--no-sync"],
                runAsPostgres)).EnsureSuccess();
            var port = await StartServerAsync(root, pgCtl, runAsPostgres);
            var cluster = new PostgresCluster(root, pgCtl, runAsPostgres, isShared, port, watchdog);
            AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
            return cluster;
        }
        catch
        {
            // The watchdog stays: if a timed-out start left a postmaster running, it stops it at exit.
            TryDeleteDirectory(root);
            throw;
        }
    }

    /// <summary>ProcessExit does not run when the test process is killed (SIGTERM from a cancelled job,
    /// SIGKILL from a hang timeout), so a detached shell waits for this process to go away and then stops
    /// the server and removes its files. Stopping a server that is already gone is harmless.</summary>
    private static Process StartWatchdog(string root, string pgCtl, bool runAsPostgres)
    {
        var stop = CommandLine(pgCtl, ["-D", Path.Combine(root, DataFolder), "stop", "-m", "immediate", "-w"], runAsPostgres);
        var script = string.Create(CultureInfo.InvariantCulture,
            $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
            $"{string.Join(' ', stop.Select(ShellQuote))}; rm -rf {ShellQuote(root)}");
        return Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start the cleanup watchdog shell");
    }

    /// <summary>Starts the postmaster on a free loopback port and returns the port. Another process can
    /// take the port between probing and binding, so a bind failure is retried on a fresh port.</summary>
    private static async Task<int> StartServerAsync(string root, string pgCtl, bool runAsPostgres)
    {
        var logFile = Path.Combine(root, "postgres.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var options = string.Create(CultureInfo.InvariantCulture,
                $"-p {port} -k {ShellQuote(Path.Combine(root, SocketFolder))} {ServerSettings}");
            var result = await RunAsync(pgCtl,
                ["-D", Path.Combine(root, DataFolder), "-l", logFile, "-w", "-t", "60", "-o", options, "start"], runAsPostgres);
            if (result.ExitCode == 0)
                return port;

            var log = ReadLogTail(logFile);
            if (attempt < StartAttempts && log.Contains("could not bind", StringComparison.Ordinal))
                continue;
            throw new InvalidOperationException($"{result.Describe()}\nEnd of the server log:\n{log}");
        }
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;

        var result = await RunAsync(_pgCtl, ["-D", _dataDirectory, "stop", "-m", "immediate", "-w"], _runAsPostgres);
        // A postmaster that already died (killed, crashed) leaves no pid file; only then is a failed stop harmless.
        if (result.ExitCode != 0 && File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
            throw new InvalidOperationException(result.Describe());
        Directory.Delete(_rootDirectory, recursive: true);
        _watchdog.Kill();
        _watchdog.Dispose();
    }

    // Best effort, so an aborted run does not leave a postmaster behind; nothing can report a failure here.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            StopAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException
            or Win32Exception or TimeoutException)
        {
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private void ClearPool(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        NpgsqlConnection.ClearPool(connection);
    }

    private static string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static (string Initdb, string PgCtl)? FindBinaries()
    {
        var initdb = FindOnPath("initdb");
        var pgCtl = FindOnPath("pg_ctl");
        if (initdb is not null && pgCtl is not null)
            return (initdb, pgCtl);

        // Debian and Ubuntu keep the server binaries off PATH, one directory per major version.
        const string versionsRoot = "/usr/lib/postgresql";
        var newestFirst = Directory.Exists(versionsRoot)
            ? Directory.GetDirectories(versionsRoot).OrderByDescending(MajorVersion)
            : Enumerable.Empty<string>();
        foreach (var versionDirectory in newestFirst)
        {
            initdb = Path.Combine(versionDirectory, "bin", "initdb");
            pgCtl = Path.Combine(versionDirectory, "bin", "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgCtl))
                return (initdb, pgCtl);
        }
        return null;
    }

    private static decimal MajorVersion(string versionDirectory) =>
        decimal.TryParse(Path.GetFileName(versionDirectory), NumberStyles.Number, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;

    private static string? FindOnPath(string program, params string[] extraDirectories) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadLogTail(string logFile) =>
        File.Exists(logFile) ? string.Join('\n', File.ReadLines(logFile).TakeLast(40)) : "(no log written)";

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string[] CommandLine(string program, IReadOnlyList<string> arguments, bool asPostgres) => asPostgres
        ? [FindOnPath("runuser", "/usr/sbin", "/sbin") ?? "runuser", "-u", Superuser, "--", program, .. arguments]
        : [program, .. arguments];

    private static async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var command = CommandLine(program, arguments, asPostgres);
        var startInfo = new ProcessStartInfo(command[0], command.Skip(1))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // English server messages, so a port clash is recognisable in the log.
        startInfo.Environment["LC_ALL"] = "C";

        var display = string.Join(' ', command);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {display}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{display} did not finish within {CommandTimeout}");
        }
        return new CommandResult(display, process.ExitCode, await stdout, await stderr);
    }

    private static string ShellQuote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
    {
        public void EnsureSuccess()
        {
            if (ExitCode != 0)
                throw new InvalidOperationException(Describe());
        }

        public string Describe() =>
            $"{Command} exited with code {ExitCode}\nstderr:\n{Stderr.TrimEnd()}\nstdout:\n{Stdout.TrimEnd()}";
    }
}

/// <summary>No PostgreSQL server can be started on this machine. Outside CI, tests skip with the message.</summary>
public sealed class PostgresUnavailableException(string message) : Exception(message);
