using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.UnitTests.Domain;

public sealed class PartnerAndCourierTests
{
    private static readonly LocalizedName Name = new("Warm Clothes Foundation", "暖衣基金会");

    [Fact]
    public void Partner_ServesEachGivenCityOnce()
    {
        var city = Guid.CreateVersion7();
        var partner = Partner.Create(PartnerKind.Charity, Name, "hello@example.org", [city, city]);

        partner.ServedCities.ShouldHaveSingleItem().CityId.ShouldBe(city);
        partner.Serves(city).ShouldBeTrue();
        partner.Serves(Guid.CreateVersion7()).ShouldBeFalse();
        partner.Verified.ShouldBeFalse();
    }

    [Fact]
    public void Partner_WithoutCity_Throws()
    {
        Should.Throw<DomainRuleException>(() => Partner.Create(PartnerKind.Recycler, Name, "hello@example.org", []))
            .Code.ShouldBe("partner.city_required");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    public void Partner_WithBadEmail_Throws(string email)
    {
        Should.Throw<DomainRuleException>(() => Partner.Create(PartnerKind.Charity, Name, email, [Guid.CreateVersion7()]))
            .Code.ShouldBe("partner.contact_email_invalid");
    }

    [Fact]
    public void Courier_StartsActive_AndCanBeDeactivatedOnce()
    {
        var courier = Courier.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), " Wang Fang ");

        courier.Active.ShouldBeTrue();
        courier.DisplayName.ShouldBe("Wang Fang");
        courier.Deactivate();
        courier.Active.ShouldBeFalse();
        Should.Throw<DomainRuleException>(courier.Deactivate).Code.ShouldBe("courier.already_inactive");
    }

    [Fact]
    public void Hub_RequiresAnAddress()
    {
        Should.Throw<DomainRuleException>(() => Hub.Create(Guid.CreateVersion7(), Name, "  ", new GeoPoint(30, 120)))
            .Code.ShouldBe("hub.address_required");
    }
}
