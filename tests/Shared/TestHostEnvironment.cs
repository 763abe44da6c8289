using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace RecyclePlatform.Tests;

/// <summary>A host environment for code that asks which environment it runs in, outside a real host.</summary>
public sealed class TestHostEnvironment(string environmentName, string contentRootPath) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;
    public string ApplicationName { get; set; } = "RecyclePlatform.Web";
    public string ContentRootPath { get; set; } = contentRootPath;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
