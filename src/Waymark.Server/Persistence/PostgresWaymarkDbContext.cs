using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Waymark.Server.Persistence;

public sealed class PostgresWaymarkDbContext(DbContextOptions<PostgresWaymarkDbContext> options) : WaymarkDbContext(options)
{
    public override SqlDialect Dialect => SqlDialect.Postgres;
}

/// <summary>Lets the EF tools build the PostgreSQL context without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWaymarkDbContext>
{
    public PostgresWaymarkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql("Host=localhost;Database=waymark").Options);
}
