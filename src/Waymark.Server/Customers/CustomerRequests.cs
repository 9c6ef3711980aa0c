using System.Text.Json;

namespace Waymark.Server.Customers;

// Request and answer contracts as the OpenAPI document shows them. Bodies are read field by
// field (FieldReader) so that each wrong field gets its own message; these records only describe them.

/// <param name="Attributes">A JSON object. PUT stores it as it is; PATCH merges it in (RFC 7396: null deletes a key).</param>
public sealed record CustomerRequest(JsonElement Attributes);

/// <param name="Customers">1–1000 profiles; a customerId repeated in the batch keeps its last attributes.</param>
public sealed record CustomerBatchRequest(IReadOnlyList<CustomerUpsert> Customers);

/// <param name="CustomerId">1–255 characters, not blank.</param>
/// <param name="Attributes">A JSON object; replaces the customer's attributes.</param>
public sealed record CustomerUpsert(string CustomerId, JsonElement Attributes);

/// <param name="Received">Items in the request.</param>
/// <param name="Upserted">Distinct customers written (created or replaced).</param>
public sealed record CustomerBatchResult(int Received, int Upserted);
