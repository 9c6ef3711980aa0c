using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Waymark.Server.Tests.Runtime.Concurrency;

/// <summary>
/// Keeps the errors a host's own code logs. A scheduler pass that fails is only logged (its leases
/// run out and the work is retried), so a test that wants no failed pass has to look here. Framework
/// categories are left out: EF Core logs its first look for the migrations table of a fresh
/// database as a failed command before it creates the table.
/// </summary>
internal sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    public void Dispose()
    {
    }

    private static bool IsOwn(string category) => category.StartsWith("Waymark.", StringComparison.Ordinal);

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && IsOwn(category);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
