using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Waymark.Server.Persistence;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/waymark.db";

    /// <summary>Registers the provider named by <c>Database:Provider</c> (sqlite by default, or postgres).</summary>
    public static IServiceCollection AddWaymarkDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = (configuration["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connectionString = configuration.GetConnectionString("Waymark");
        switch (provider)
        {
            case "sqlite":
                var sqlite = PrepareSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString);
                services.AddDbContextPool<WaymarkDbContext, SqliteWaymarkDbContext>(o => o.UseSqlite(sqlite));
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is postgres but ConnectionStrings:Waymark is not set.");
                }
                services.AddDbContextPool<WaymarkDbContext, PostgresWaymarkDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported (use sqlite or postgres).");
        }
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    // The embedded database needs no set-up: its folder is created on first run.
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        builder.Pooling = true;
        return builder.ToString();
    }
}
