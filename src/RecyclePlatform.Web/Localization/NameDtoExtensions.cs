using System.Globalization;
using RecyclePlatform.Application.Cities;

namespace RecyclePlatform.Web;

public static class NameDtoExtensions
{
    /// <summary>The name in the language of the current request.</summary>
    public static string Local(this NameDto name) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? name.Zh : name.En;
}
