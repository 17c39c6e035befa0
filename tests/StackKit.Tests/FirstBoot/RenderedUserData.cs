using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackKit.Tests.FirstBoot;

/// <summary>
/// The user data an instance receives: the launch template's <c>Fn::Sub</c> in a generated template, resolved as
/// CloudFormation would for one stack: pseudo parameters, parameter values or their defaults, a resource's physical
/// id (made up as CloudFormation makes names: stack-LogicalId-SUFFIX), <c>${!Literal}</c>.
/// </summary>
internal static class RenderedUserData
{
    public static string From(string templateJson, string stackName, string region, IReadOnlyDictionary<string, string> parameters)
    {
        using var document = JsonDocument.Parse(templateJson);
        var root = document.RootElement;
        var launchTemplate = root.GetProperty("Resources").EnumerateObject()
            .Single(r => r.Value.GetProperty("Type").GetString() == "AWS::EC2::LaunchTemplate").Value;
        var script = launchTemplate.GetProperty("Properties").GetProperty("LaunchTemplateData").GetProperty("UserData")
            .GetProperty("Fn::Base64").GetProperty("Fn::Sub").GetString()!;

        var declared = root.GetProperty("Parameters");
        var unknown = parameters.Keys.Where(name => !declared.TryGetProperty(name, out _)).ToList();
        Assert.True(unknown.Count == 0, $"The template has no parameter {string.Join(", ", unknown)}.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS::StackName"] = stackName, ["AWS::Region"] = region };
        foreach (var parameter in declared.EnumerateObject())
        {
            var value = parameters.TryGetValue(parameter.Name, out var given) ? given
                : parameter.Value.TryGetProperty("Default", out var fallback) ? fallback.GetString()! : null;
            if (value is null)
            {
                continue;
            }
            // CloudFormation refuses a value its pattern does not allow, so the script never sees one.
            if (parameter.Value.TryGetProperty("AllowedPattern", out var pattern))
            {
                Assert.Matches(pattern.GetString()!, value);
            }
            values[parameter.Name] = value;
        }
        return Regex.Replace(script, @"\$\{([^}]*)\}", match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!'))
            {
                return "${" + name[1..] + "}";
            }
            if (values.TryGetValue(name, out var value))
            {
                return value;
            }
            return root.GetProperty("Resources").TryGetProperty(name, out _)
                ? PhysicalId(stackName, name)
                : throw new InvalidOperationException($"The user data refers to ${{{name}}}, which is no parameter or pseudo parameter with a value.");
        });
    }

    /// <summary>The name a resource of the rendered stack gets (what <c>Ref</c> and <c>${LogicalId}</c> give).</summary>
    public static string PhysicalId(string stackName, string logicalId) => $"{stackName}-{logicalId}-1REHEARSAL";
}
