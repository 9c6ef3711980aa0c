using System.Text.Json;

namespace Waymark.Server.Offers;

// Request contracts as the OpenAPI document shows them. Bodies are read field by field
// (OfferInput) so that each wrong field gets its own message; these records only describe them.

/// <param name="Name">1–255 characters.</param>
/// <param name="Status">draft (default), active, paused or archived. Only active offers are recommended.</param>
/// <param name="Category">At most 128 characters; flows select by it and customers' interests match it.</param>
/// <param name="Channels">Channel types the offer may go out on (email, sms, push, webhook, in_app); empty means all.</param>
/// <param name="Qualification">A condition on the customer, e.g. {"field": "tier", "operator": "eq", "value": "gold"}.</param>
/// <param name="Propensity">0–1, default 0.5: how likely a customer is to take it up.</param>
/// <param name="BusinessValue">≥ 0, default 0: what it is worth, in any unit, compared across offers.</param>
/// <param name="Priority">0–100, default 50: the business's emphasis.</param>
/// <param name="StartAt">When it starts being offered (inclusive).</param>
/// <param name="EndAt">When it stops being offered (exclusive); after startAt.</param>
/// <param name="Content">Free JSON for templates: title, body, url, image, …; default {}.</param>
public sealed record CreateOfferRequest(
    string Name,
    string? Status,
    string? Category,
    IReadOnlyList<string>? Channels,
    JsonElement? Qualification,
    double? Propensity,
    double? BusinessValue,
    int? Priority,
    DateTime? StartAt,
    DateTime? EndAt,
    JsonElement? Content);

/// <summary>Every field optional: absent keeps, null clears (category, qualification, startAt, endAt; channels and content reset).</summary>
public sealed record UpdateOfferRequest(
    string? Name,
    string? Status,
    string? Category,
    IReadOnlyList<string>? Channels,
    JsonElement? Qualification,
    double? Propensity,
    double? BusinessValue,
    int? Priority,
    DateTime? StartAt,
    DateTime? EndAt,
    JsonElement? Content);
