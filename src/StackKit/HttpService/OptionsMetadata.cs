using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The options a template was built with, kept in its Metadata. CloudFormation keeps no record of them, and an update
/// that changes one option (HTTPS, the e-mail, the allowed addresses) rebuilds the stack's template from all the others.
/// </summary>
internal static class OptionsMetadata
{
    public const string Key = "StackKit::HttpServiceOptions";

    // What Write always gives: the options that are null when unset are left out, and the defaults have them unset.
    // Any other missing one would silently become a default, such as AllowedCidrs becoming 0.0.0.0/0.
    private static readonly string[] Required = [.. Entries(new HttpServiceOptions()).Entries.Select(entry => entry.Key)];

    public static void Write(Template template, HttpServiceOptions options) => template.Metadata[Key] = Entries(options);

    private static ObjectExpression Entries(HttpServiceOptions options) =>
        new()
        {
            // The load balancer the template has, so that dropping the certificate later keeps the same one.
            [nameof(HttpServiceOptions.LoadBalancer)] = Literal.Of(options.EffectiveLoadBalancer.ToString()),
            [nameof(HttpServiceOptions.SshAccess)] = Literal.Of(options.SshAccess),
            [nameof(HttpServiceOptions.FleetKeyStore)] = Literal.Of(options.FleetKeyStore),
            [nameof(HttpServiceOptions.CentralLogs)] = Literal.Of(options.CentralLogs),
            [nameof(HttpServiceOptions.AmiId)] = Optional(options.AmiId),
            [nameof(HttpServiceOptions.AmiSsmParameter)] = Literal.Of(options.AmiSsmParameter),
            [nameof(HttpServiceOptions.DefaultDockerImage)] = Literal.Of(options.DefaultDockerImage),
            [nameof(HttpServiceOptions.DefaultInstanceType)] = Literal.Of(options.DefaultInstanceType),
            [nameof(HttpServiceOptions.ContainerPort)] = Literal.Of(options.ContainerPort),
            [nameof(HttpServiceOptions.CertificateArn)] = Optional(options.CertificateArn),
            [nameof(HttpServiceOptions.DomainName)] = Optional(options.DomainName),
            [nameof(HttpServiceOptions.HostedZoneId)] = Optional(options.HostedZoneId),
            [nameof(HttpServiceOptions.AllowedCidrs)] = new ListExpression(options.AllowedCidrs.Select(Literal.Of)),
            [nameof(HttpServiceOptions.CpuScaling)] = Literal.Of(options.CpuScaling),
            [nameof(HttpServiceOptions.NotificationEmail)] = Optional(options.NotificationEmail),
        };

    /// <summary>The options <paramref name="template"/> was built with, or null when it does not say.</summary>
    /// <exception cref="InvalidTemplateException">The metadata is there but not in the shape <see cref="Write"/> gives.</exception>
    public static HttpServiceOptions? Read(Template template)
    {
        if (template.Metadata[Key] is not { } section)
        {
            return null;
        }
        var entries = section as ObjectExpression ?? throw Malformed("is not a mapping");
        if (Required.FirstOrDefault(name => entries[name] is null) is { } missing)
        {
            throw Malformed($"has no {missing}");
        }
        var options = new HttpServiceOptions();
        foreach (var entry in entries.Entries)
        {
            var (name, value) = (entry.Key, entry.Value);
            switch (name)
            {
                case nameof(HttpServiceOptions.LoadBalancer):
                    options.LoadBalancer = Text(name, value) switch
                    {
                        nameof(LoadBalancerKind.Classic) => LoadBalancerKind.Classic,
                        nameof(LoadBalancerKind.Application) => LoadBalancerKind.Application,
                        var other => throw Malformed($"has LoadBalancer '{other}'"),
                    };
                    break;
                case nameof(HttpServiceOptions.SshAccess):
                    options.SshAccess = Flag(name, value);
                    break;
                case nameof(HttpServiceOptions.FleetKeyStore):
                    options.FleetKeyStore = Flag(name, value);
                    break;
                case nameof(HttpServiceOptions.CentralLogs):
                    options.CentralLogs = Flag(name, value);
                    break;
                case nameof(HttpServiceOptions.AmiId):
                    options.AmiId = Text(name, value);
                    break;
                case nameof(HttpServiceOptions.AmiSsmParameter):
                    options.AmiSsmParameter = Text(name, value);
                    break;
                case nameof(HttpServiceOptions.DefaultDockerImage):
                    options.DefaultDockerImage = Text(name, value);
                    break;
                case nameof(HttpServiceOptions.DefaultInstanceType):
                    options.DefaultInstanceType = Text(name, value);
                    break;
                case nameof(HttpServiceOptions.ContainerPort):
                    options.ContainerPort = value is Literal literal && literal.TryConvert<int>(out var port) ? port : throw Malformed("has a ContainerPort that is no number");
                    break;
                case nameof(HttpServiceOptions.CertificateArn):
                    options.CertificateArn = Text(name, value);
                    break;
                case nameof(HttpServiceOptions.DomainName):
                    options.DomainName = Text(name, value);
                    break;
                case nameof(HttpServiceOptions.HostedZoneId):
                    options.HostedZoneId = Text(name, value);
                    break;
                case nameof(HttpServiceOptions.AllowedCidrs):
                    options.AllowedCidrs = (value as ListExpression ?? throw Malformed("has AllowedCidrs that are not a list")).Items.Select(item => Text(name, item)).ToList();
                    break;
                case nameof(HttpServiceOptions.CpuScaling):
                    options.CpuScaling = Flag(name, value);
                    break;
                case nameof(HttpServiceOptions.NotificationEmail):
                    options.NotificationEmail = Text(name, value);
                    break;
                default:
                    // A newer StackKit's option: rebuilding without it would silently drop what it made.
                    throw Malformed($"has option '{name}', which this StackKit does not know; update with the StackKit that created the stack, or a newer one");
            }
        }
        return options;
    }

    private static Literal? Optional(string? value) => value is null ? null : Literal.Of(value);

    private static string Text(string name, Expression value) =>
        value is Literal { Value: string text } ? text : throw Malformed($"has a {name} that is not text");

    private static bool Flag(string name, Expression value) =>
        value is Literal literal && literal.TryConvert<bool>(out var flag) ? flag : throw Malformed($"has a {name} that is not true or false");

    private static InvalidTemplateException Malformed(string what) => new($"The template's {Key} metadata {what}.");
}
