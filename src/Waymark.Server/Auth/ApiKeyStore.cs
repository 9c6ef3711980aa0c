using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Waymark.Server.Persistence;

namespace Waymark.Server.Auth;

/// <summary>Mints, lists and revokes API keys; used by the admin commands.</summary>
public sealed class ApiKeyStore(WaymarkDbContext db, KeyHasher hasher, TimeProvider clock)
{
    public sealed record Minted(ApiKey Record, string PlainKey);

    public async Task<Minted> CreateAsync(string tenant, string role, string? name, CancellationToken cancellationToken)
    {
        // 32 random bytes, URL-safe: the key is unguessable, so a fast keyed hash is enough to store it.
        var plain = ApiKeyAuthenticationHandler.KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKey
        {
            Id = Ids.New("key", clock),
            TenantId = tenant,
            Role = role,
            Name = name,
            Prefix = plain[..12],
            Hash = await hasher.HashAsync(plain, cancellationToken),
            CreatedAt = clock.UtcNow(),
        };
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new Minted(record, plain);
    }

    public Task<List<ApiKey>> ListAsync(string? tenant, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking()
            .Where(k => tenant == null || k.TenantId == tenant)
            .OrderBy(k => k.TenantId).ThenBy(k => k.CreatedAt).ThenBy(k => k.Id)
            .ToListAsync(cancellationToken);

    /// <returns>False when no key has that id.</returns>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        var changed = await db.ApiKeys.Where(k => k.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, k => k.RevokedAt ?? now), cancellationToken);
        return changed > 0;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
