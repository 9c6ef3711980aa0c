using Waymark.Server.Enrollments;

namespace Waymark.Server.Customers;

/// <summary>Customer ids are the caller's: 1–255 characters, not blank, compared exactly.</summary>
public static class CustomerIds
{
    public const int MaxLength = EnrollEndpoint.MaxCustomerIdLength;

    /// <summary>
    /// The id a path segment names. The server decodes every escape of a path except %2F, which it
    /// leaves as is so that it cannot split segments; decoding it here makes ids holding a '/'
    /// addressable (at the price of ids holding the literal text "%2F", which cannot be told apart).
    /// </summary>
    public static string FromPath(string segment) => segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with an id taken from the path, or null.</summary>
    public static string? Problem(string customerId) =>
        string.IsNullOrWhiteSpace(customerId) ? "must not be blank"
        : customerId.Length > MaxLength ? $"must be 1–{MaxLength} characters long (got {customerId.Length})"
        : null;
}
