using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.UnitTests.Domain;

public sealed class CityTests
{
    private static readonly LocalizedName Beijing = new("Beijing", "北京");

    [Theory]
    [InlineData("Beijing")]
    [InlineData("bei jing")]
    [InlineData("-beijing")]
    [InlineData("")]
    public void Create_InvalidSlug_ThrowsWithCode(string slug)
    {
        var error = Should.Throw<DomainRuleException>(() => City.Create(slug, Beijing, "Asia/Shanghai"));
        error.Code.ShouldBe("city.slug_invalid");
    }

    [Fact]
    public void Create_WithoutTimeZone_Throws()
    {
        Should.Throw<DomainRuleException>(() => City.Create("beijing", Beijing, " ")).Code.ShouldBe("city.time_zone_required");
    }

    [Fact]
    public void AddDistrict_BelongsToTheCity()
    {
        var city = City.Create("beijing", Beijing, "Asia/Shanghai");

        var district = city.AddDistrict("chaoyang", new LocalizedName("Chaoyang", "朝阳区"), new GeoPoint(39.92, 116.44));

        district.CityId.ShouldBe(city.Id);
        city.Districts.ShouldHaveSingleItem().ShouldBeSameAs(district);
    }

    [Fact]
    public void AddDistrict_SameSlugTwice_Throws()
    {
        var city = City.Create("beijing", Beijing, "Asia/Shanghai");
        city.AddDistrict("chaoyang", new LocalizedName("Chaoyang", "朝阳区"), new GeoPoint(39.92, 116.44));

        Should.Throw<DomainRuleException>(() =>
                city.AddDistrict("chaoyang", new LocalizedName("Chaoyang 2", "朝阳"), new GeoPoint(39.9, 116.4)))
            .Code.ShouldBe("district.slug_taken");
    }

    [Theory]
    [InlineData(91, 0, "geo.latitude_out_of_range")]
    [InlineData(-90.5, 0, "geo.latitude_out_of_range")]
    [InlineData(0, 180.01, "geo.longitude_out_of_range")]
    [InlineData(double.NaN, 0, "geo.latitude_out_of_range")]
    public void GeoPoint_OutOfRange_Throws(double latitude, double longitude, string code)
    {
        Should.Throw<DomainRuleException>(() => new GeoPoint(latitude, longitude)).Code.ShouldBe(code);
    }

    [Theory]
    [InlineData("zh-CN", "北京")]
    [InlineData("zh", "北京")]
    [InlineData("en", "Beijing")]
    [InlineData("", "Beijing")]
    public void LocalizedName_In_PicksTheLanguage(string culture, string expected)
    {
        Beijing.In(culture).ShouldBe(expected);
    }

    [Fact]
    public void LocalizedName_TrimsAndRequiresBothLanguages()
    {
        new LocalizedName("  Beijing ", " 北京").ShouldBe(new LocalizedName("Beijing", "北京"));
        Should.Throw<DomainRuleException>(() => new LocalizedName("Beijing", "")).Code.ShouldBe("name.chinese_required");
        Should.Throw<DomainRuleException>(() => new LocalizedName(new string('x', 121), "北京")).Code.ShouldBe("name.english_required");
    }
}

public sealed class GeoPointTests
{
    [Fact]
    public void DistanceKmTo_BeijingToShanghai_IsAbout1070Km()
    {
        var beijing = new GeoPoint(39.9042, 116.4074);
        var shanghai = new GeoPoint(31.2304, 121.4737);

        beijing.DistanceKmTo(shanghai).ShouldBe(1067, tolerance: 10);
        beijing.DistanceKmTo(beijing).ShouldBe(0);
    }
}
