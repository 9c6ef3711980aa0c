using Waymark.Server;
using Waymark.Server.Cli;

if (AdminCommands.IsCommand(args)) return await AdminCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddWaymark();

var app = builder.Build();
app.UseWaymark();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the HTTP tests' application factory.</summary>
public partial class Program;
