using System.Text.Json;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Persistence;

namespace Waymark.Server.Customers;

/// <summary>POST /customers/batch: up to 1000 profiles created or replaced in one statement.</summary>
public static class CustomerBatch
{
    public const int MaxBatch = 1000;

    public static async Task<IResult> Upsert(HttpContext http, WaymarkDbContext db, TimeProvider clock)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request);
        if (body.Failed) return body.Error!;
        var fields = new FieldReader(body.Json);
        var items = Read(body.Json, fields);
        if (!fields.Valid) return ApiError.Validation(fields.Problems);

        // One row per customer (the statement may not touch a row twice); the last item wins.
        var latest = new Dictionary<string, string>(items.Count, StringComparer.Ordinal);
        foreach (var (customerId, attributes) in items) latest[customerId] = attributes;
        await CustomerStore.UpsertAsync(db, http.TenantId(), [.. latest.Select(c => (c.Key, c.Value))], clock.UtcNow(), http.RequestAborted);
        return Results.Ok(new CustomerBatchResult(items.Count, latest.Count));
    }

    private static List<(string CustomerId, string Attributes)> Read(JsonElement body, FieldReader fields)
    {
        if (!body.TryGetProperty("customers", out var list))
        {
            fields.Add("customers", "is required");
            return [];
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            fields.Add("customers", "must be an array of {customerId, attributes} objects");
            return [];
        }
        var count = list.GetArrayLength();
        if (count is 0 or > MaxBatch)
        {
            fields.Add("customers", $"must hold 1–{MaxBatch} customers (got {count})");
            return [];
        }

        var items = new List<(string, string)>(count);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"customers[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                fields.Add(at, "must be an object");
                continue;
            }
            var itemFields = new FieldReader(item);
            var customerId = itemFields.String("customerId", required: true, min: 1, max: CustomerIds.MaxLength);
            var attributes = CustomersEndpoints.ReadAttributes(itemFields);
            fields.AddRange(itemFields.Problems.Select(p => p with { Field = $"{at}.{p.Field}" }));
            if (itemFields.Valid) items.Add((customerId!, MergePatch.Compact(attributes!.Value)));
        }
        return items;
    }
}
