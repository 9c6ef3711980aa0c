using System.Text.Json;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Customers;

/// <summary>A customer's profile as the API shows it.</summary>
public sealed record CustomerView(string CustomerId, JsonElement Attributes, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CustomerView From(Customer customer) =>
        new(customer.CustomerId, JourneyStore.ParseJson(customer.Attributes), customer.CreatedAt, customer.UpdatedAt);
}
