using Microsoft.EntityFrameworkCore;

namespace Waymark.Server.Persistence;

/// <summary>Brings the schema up to date. Used on start-up (unless disabled) and by the <c>migrate</c> command.</summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // EF takes a migration lock, so several nodes starting together apply each migration once.
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Dialect == SqlDialect.Sqlite)
        {
            // WAL lets readers run while the single writer commits; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (pending.Count > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }
    }
}
