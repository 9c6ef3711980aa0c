using Waymark.Server.Tests.Infrastructure;

// One server per provider for the whole run; each test works in its own tenant.
[assembly: AssemblyFixture(typeof(SqliteApp))]
[assembly: AssemblyFixture(typeof(PostgresApp))]
