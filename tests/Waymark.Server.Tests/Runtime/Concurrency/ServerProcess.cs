using System.Diagnostics;
using System.Text;

namespace Waymark.Server.Tests.Runtime.Concurrency;

/// <summary>
/// The built server executable in a child process. It is only ever killed outright, as a crash
/// would end it: no shutdown, no chance to finish or give back what it holds.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the child wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Runs <c>dotnet Waymark.Server.dll</c> with <paramref name="args"/> and nothing from this process's environment that configures it.</summary>
    public static ServerProcess Start(IEnumerable<string> args)
    {
        var server = typeof(Program).Assembly.Location;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(server)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(server);
        foreach (var arg in args) startInfo.ArgumentList.Add(arg);
        foreach (var name in startInfo.Environment.Keys.Where(IsServerSetting).ToList()) startInfo.Environment.Remove(name);

        var process = new Process { StartInfo = startInfo };
        var child = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException("could not start the server executable");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        using var timeout = new CancellationTokenSource(ExitTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static bool IsServerSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.Contains("__", StringComparison.Ordinal);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
