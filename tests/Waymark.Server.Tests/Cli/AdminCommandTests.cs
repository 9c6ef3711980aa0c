using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Cli;

/// <summary>The admin commands, run as the real executable in a child process against a SQLite file.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("waymark-cli-").FullName;
    private readonly string _connectionString;

    public AdminCommandTests() => _connectionString = $"Data Source={Path.Combine(_folder, "waymark.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Apikey_create_prints_a_working_key_as_its_last_line()
    {
        var created = await RunAsync("apikey", "create", "--tenant", "acme", "--role", "admin", "--name", "ci");

        created.AssertExitCode(0);
        var key = created.LastLine;
        Assert.StartsWith("krn_", key, StringComparison.Ordinal);
        await using var server = new WaymarkFactory(Databases.Sqlite, _connectionString);
        (await ClientWithKey(server, key).GetJsonAsync("/api/v1/journeys")).AssertStatus(200);
    }

    [Fact]
    public async Task Apikey_list_shows_the_id_and_prefix_but_never_the_key()
    {
        var created = await RunAsync("apikey", "create", "--tenant", "acme", "--role", "viewer", "--name", "dashboard");
        created.AssertExitCode(0);
        var (id, key) = (created.KeyId, created.LastLine);

        var listed = await RunAsync("apikey", "list", "--tenant", "acme");

        listed.AssertExitCode(0);
        var row = Assert.Single(listed.Lines, line => line.Contains(id, StringComparison.Ordinal));
        Assert.Contains(key[..12], row, StringComparison.Ordinal);
        Assert.Contains("viewer", row, StringComparison.Ordinal);
        Assert.Contains("dashboard", row, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Stdout + listed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(key[..20], listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apikey_revoke_makes_the_key_answer_401()
    {
        var created = await RunAsync("apikey", "create", "--tenant", "acme", "--role", "editor");
        created.AssertExitCode(0);
        await using var server = new WaymarkFactory(Databases.Sqlite, _connectionString);
        var client = ClientWithKey(server, created.LastLine);
        (await client.GetJsonAsync("/api/v1/journeys")).AssertStatus(200);

        var revoked = await RunAsync("apikey", "revoke", created.KeyId);

        revoked.AssertExitCode(0);
        (await client.GetJsonAsync("/api/v1/journeys")).AssertError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Apikey_revoke_of_an_unknown_id_fails_with_a_message()
    {
        var revoked = await RunAsync("apikey", "revoke", "key_nope");

        Assert.NotEqual(0, revoked.ExitCode);
        Assert.Contains("key_nope", revoked.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_brings_a_fresh_file_up_to_date()
    {
        var migrated = await RunAsync("migrate");

        migrated.AssertExitCode(0);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ux_enrollments_active_customer'";
        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_role_fails_with_a_message_on_stderr()
    {
        var created = await RunAsync("apikey", "create", "--tenant", "acme", "--role", "owner");

        Assert.NotEqual(0, created.ExitCode);
        Assert.Contains("--role", created.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("krn_", created.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apikey", "rotate")]
    [InlineData("apikeys", "create")]
    public async Task An_unknown_command_fails_with_the_usage(string command, string subcommand)
    {
        var result = await RunAsync(command, subcommand, "--tenant", "acme", "--role", "admin");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("usage", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("krn_", result.Stdout, StringComparison.Ordinal);
    }

    private static HttpClient ClientWithKey(WaymarkFactory server, string key)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Runs <c>dotnet Waymark.Server.dll args… --ConnectionStrings:Waymark=…</c> in a folder of its own.</summary>
    private async Task<CommandResult> RunAsync(params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) startInfo.ArgumentList.Add(arg);
        startInfo.ArgumentList.Add($"--ConnectionStrings:Waymark={_connectionString}");
        // The child reads only what it is given, whatever the test runner's environment holds.
        foreach (var name in new[] { "ConnectionStrings__Waymark", "Database__Provider", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            startInfo.Environment.Remove(name);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the server executable");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(' ', args)}' did not finish within {Timeout}");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    private sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public string LastLine => Lines[^1];

        /// <summary>The id from <c>created key key_… for tenant …</c>.</summary>
        public string KeyId => Lines.Single(l => l.StartsWith("created key ", StringComparison.Ordinal)).Split(' ')[2];

        public void AssertExitCode(int expected) =>
            Assert.True(ExitCode == expected, $"expected exit code {expected} but got {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }
}
