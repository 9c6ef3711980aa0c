using Microsoft.Extensions.Logging.Console;
using Waymark.Server.Auth;
using Waymark.Server.Persistence;

namespace Waymark.Server.Cli;

/// <summary>
/// The admin commands of the same executable: <c>apikey create|list|revoke</c> and <c>migrate</c>.
/// They read the server's configuration and bring the database up to date first, so a key can be
/// minted before the server has ever run. Logs go to stderr; stdout carries only the answer.
/// </summary>
public static class AdminCommands
{
    private const string Usage = """
        usage:
          Waymark.Server apikey create --tenant T --role viewer|editor|admin [--name N]
          Waymark.Server apikey list [--tenant T]
          Waymark.Server apikey revoke KEY_ID
          Waymark.Server migrate
        Configuration flags such as --Database:Provider=postgres may follow.
        """;

    // Any bare first word is a command, so a mistyped one answers the usage instead of starting the server;
    // configuration arguments (--key value, /key value, key=value) still start it.
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" || (args[0] is [not ('-' or '/'), ..] && !args[0].Contains('=', StringComparison.Ordinal)));

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] is "help" or "--help")
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var options = CommandLine.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.ConfigurationArgs });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddWaymark();
        await using var app = builder.Build();
        try
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
            return options.Words switch
            {
                ["migrate"] => Done("database is up to date"),
                ["apikey", "create"] => await CreateKeyAsync(keys, options),
                ["apikey", "list"] => await ListKeysAsync(keys, options),
                ["apikey", "revoke", var id] => await RevokeKeyAsync(keys, id),
                _ => Fail(Usage),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return Fail($"error: {e.Message}");
        }
    }

    private static async Task<int> CreateKeyAsync(ApiKeyStore keys, CommandLine options)
    {
        var tenant = options.Flag("tenant");
        var role = options.Flag("role");
        if (!TenantHeader.IsValid(tenant)) return Fail("--tenant is required: 1–64 characters of A-Z a-z 0-9 . _ -");
        if (!Roles.IsKnown(role)) return Fail("--role is required: viewer, editor or admin");
        var minted = await keys.CreateAsync(tenant!, role!, options.Flag("name"), CancellationToken.None);
        Console.WriteLine($"created key {minted.Record.Id} for tenant {tenant} with role {role}; it is shown once, keep it safe:");
        Console.WriteLine(minted.PlainKey);
        return 0;
    }

    private static async Task<int> ListKeysAsync(ApiKeyStore keys, CommandLine options)
    {
        var rows = await keys.ListAsync(options.Flag("tenant"), CancellationToken.None);
        Console.WriteLine($"{"ID",-40} {"TENANT",-20} {"ROLE",-7} {"PREFIX",-13} {"CREATED",-25} {"STATE",-8} NAME");
        foreach (var k in rows)
        {
            var state = k.RevokedAt is null ? "active" : "revoked";
            Console.WriteLine($"{k.Id,-40} {k.TenantId,-20} {k.Role,-7} {k.Prefix + "…",-13} {Api.JsonDefaults.Format(k.CreatedAt),-25} {state,-8} {k.Name}");
        }
        return 0;
    }

    private static async Task<int> RevokeKeyAsync(ApiKeyStore keys, string id) =>
        await keys.RevokeAsync(id, CancellationToken.None) ? Done($"revoked {id}") : Fail($"no key with id {id}");

    private static int Done(string message)
    {
        Console.WriteLine(message);
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
