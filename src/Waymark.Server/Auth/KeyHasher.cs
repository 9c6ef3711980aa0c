using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Waymark.Server.Persistence;

namespace Waymark.Server.Auth;

/// <summary>
/// Hashes API keys with HMAC-SHA256 under a server secret, so a stolen database alone does not
/// reveal usable keys. The secret is <c>Auth:KeySecret</c> when configured, otherwise generated
/// on first use and kept in the database beside the data it protects (shared by every node).
/// </summary>
public sealed class KeyHasher(IServiceScopeFactory scopes, IConfiguration configuration) : IDisposable
{
    private const string SettingKey = "api_key_hmac_secret";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _secret;

    public void Dispose() => _gate.Dispose();

    public async Task<string> HashAsync(string key, CancellationToken cancellationToken)
    {
        var secret = _secret ?? await LoadSecretAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(key)));
    }

    private async Task<byte[]> LoadSecretAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_secret is not null) return _secret;
            var configured = configuration["Auth:KeySecret"];
            _secret = !string.IsNullOrEmpty(configured)
                ? Encoding.UTF8.GetBytes(configured)
                : Convert.FromBase64String(await StoredSecretAsync(cancellationToken));
            return _secret;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StoredSecretAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var stored = await db.ServerSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
        if (stored is not null) return stored.Value;

        db.ServerSettings.Add(new ServerSetting { Key = SettingKey, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node generated it first; theirs is the one.
        }
        db.ChangeTracker.Clear();
        return (await db.ServerSettings.AsNoTracking().FirstAsync(s => s.Key == SettingKey, cancellationToken)).Value;
    }
}
