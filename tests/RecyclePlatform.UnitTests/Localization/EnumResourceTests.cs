using System.Xml.Linq;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Pickups;

namespace RecyclePlatform.UnitTests.Localization;

/// <summary>Keys built at run time from enum values (Status.Booked, Category.Shoes ...) exist in both languages.</summary>
public sealed class EnumResourceTests
{
    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var status in Enum.GetValues<PickupStatus>())
        {
            data.Add($"Status.{status}");
        }
        foreach (var category in Enum.GetValues<ItemCategories>().Where(c => c != ItemCategories.None))
        {
            data.Add($"Category.{category}");
        }
        foreach (var weight in Enum.GetValues<WeightBand>())
        {
            data.Add($"Weight.{weight}");
        }
        foreach (var condition in Enum.GetValues<ItemCondition>())
        {
            data.Add($"Condition.{condition}");
        }
        foreach (var reason in Enum.GetValues<FailureReason>())
        {
            data.Add($"Failure.{reason}");
        }
        foreach (var status in Enum.GetValues<RecyclePlatform.Domain.Dispatch.DispatchRunStatus>())
        {
            data.Add($"RunStatus.{status}");
        }
        foreach (var reason in Enum.GetValues<RecyclePlatform.Domain.Dispatch.UnservedReason>())
        {
            data.Add($"Unserved.{reason}");
        }
        foreach (var kind in Enum.GetValues<RecyclePlatform.Domain.Dispatch.RouteViolationKind>())
        {
            data.Add($"Violation.{kind}");
        }
        foreach (var kind in Enum.GetValues<RecyclePlatform.Domain.Ledger.LedgerEntryKind>())
        {
            data.Add($"LedgerKind.{kind}");
        }
        foreach (var kind in Enum.GetValues<RecyclePlatform.Domain.Campaigns.TeamKind>())
        {
            data.Add($"TeamKind.{kind}");
        }
        foreach (var role in Enum.GetValues<RecyclePlatform.Domain.Campaigns.OrganiserRole>())
        {
            data.Add($"OrganiserRole.{role}");
        }
        foreach (var measure in Enum.GetValues<RecyclePlatform.Domain.Impact.FactorMeasure>())
        {
            data.Add($"Impact.Factor.{measure}");
        }
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            data.Add($"Notification.{kind}.Subject");
            data.Add($"Notification.{kind}.Body");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Key_ExistsInEnglishAndChinese(string key)
    {
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.zh-CN.resx" })
        {
            var path = Path.Combine(RepositoryRoot.Path, "src", "RecyclePlatform.Web", "Resources", file);
            XDocument.Load(path).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ShouldContain(key, file);
        }
    }
}
