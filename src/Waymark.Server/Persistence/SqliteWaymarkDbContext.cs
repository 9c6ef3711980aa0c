using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Waymark.Server.Persistence;

public sealed class SqliteWaymarkDbContext(DbContextOptions<SqliteWaymarkDbContext> options) : WaymarkDbContext(options)
{
    public override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone: everything stored is UTC, so say so when reading it back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>Lets the EF tools build the SQLite context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWaymarkDbContext>
{
    public SqliteWaymarkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite("Data Source=design.db").Options);
}
