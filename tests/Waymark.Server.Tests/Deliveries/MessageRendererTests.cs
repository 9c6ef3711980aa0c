using System.Text.Json.Nodes;
using Waymark.Server.Channels;
using Waymark.Server.Deliveries;

namespace Waymark.Server.Tests.Deliveries;

/// <summary>Liquid templates rendered with a delivery's payload: customer, offer, journey.</summary>
public sealed class MessageRendererTests
{
    private static DeliveryPayload Payload(JsonObject? offer = null) => new(
        new JsonObject { ["firstName"] = "Ada", ["tier"] = "gold", ["orders"] = new JsonArray(3, 5, 8) },
        offer ?? new JsonObject { ["id"] = "ofr_1", ["name"] = "Gold card", ["content"] = new JsonObject { ["title"] = "Your card", ["url"] = "https://example.com/gold" } },
        new JsonObject { ["id"] = "jrn_1", ["name"] = "Onboarding" },
        "c1");

    private static async Task<RenderedMessage> RenderAsync(string? subject, string body, DeliveryPayload? payload = null)
    {
        var (message, error) = await MessageRenderer.RenderAsync(new MessageTemplate(subject, body), payload ?? Payload(), TimeProvider.System);
        Assert.Null(error);
        return message!;
    }

    [Fact]
    public async Task Customer_offer_and_journey_fields_are_rendered()
    {
        var message = await RenderAsync("{{ offer.content.title }} for {{ customer.firstName }}",
            "{{ offer.name }} ({{ offer.id }}) from {{ journey.name }}: {{ offer.content.url }} [{{ customerId }}]");

        Assert.Equal("Your card for Ada", message.Subject);
        Assert.Equal("Gold card (ofr_1) from Onboarding: https://example.com/gold [c1]", message.Body);
    }

    [Fact]
    public async Task Filters_loops_and_conditions_work_on_attributes()
    {
        var message = await RenderAsync(null,
            "{{ customer.tier | upcase }}{% if customer.tier == 'gold' %} VIP{% endif %}:{% for n in customer.orders %} {{ n }}{% endfor %}");

        Assert.Equal("GOLD VIP: 3 5 8", message.Body);
        Assert.Null(message.Subject);
    }

    [Fact]
    public async Task A_missing_value_renders_empty()
    {
        var message = await RenderAsync("Hi {{ customer.lastName }}!", "{{ offer.content.missing }}|{{ nothing.at.all }}|");

        Assert.Equal("Hi !", message.Subject);
        Assert.Equal("||", message.Body);
    }

    [Fact]
    public async Task A_delivery_without_an_offer_renders_the_offer_as_empty()
    {
        var payload = new DeliveryPayload(new JsonObject { ["firstName"] = "Ada" }, null, new JsonObject { ["id"] = "j", ["name"] = "J" }, "c1");

        var message = await RenderAsync(null, "{% if offer %}offer{% else %}no offer{% endif %} for {{ customer.firstName }}", payload);

        Assert.Equal("no offer for Ada", message.Body);
    }

    [Fact]
    public void A_syntax_error_is_found_when_the_template_is_saved()
    {
        Assert.NotNull(Liquid.SyntaxError("{% if customer.tier %}unclosed"));
        Assert.Null(Liquid.SyntaxError("{{ customer.tier }}"));
    }
}
