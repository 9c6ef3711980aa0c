namespace Waymark.Server.Persistence;

/// <summary>Applies pending migrations before the server takes requests (Database:MigrateOnStartup, default true).</summary>
public sealed class MigrateOnStartup(DatabaseInitializer initializer, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        configuration.GetValue("Database:MigrateOnStartup", true)
            ? initializer.MigrateAsync(cancellationToken)
            : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
