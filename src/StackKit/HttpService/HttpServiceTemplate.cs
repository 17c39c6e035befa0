using StackKit.Resources;
using StackKit.Resources.AutoScaling;
using StackKit.Resources.CloudWatch;
using StackKit.Resources.Ec2;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;
using Classic = StackKit.Resources.ElasticLoadBalancing;
using V2 = StackKit.Resources.ElasticLoadBalancingV2;

namespace StackKit.HttpService;

/// <summary>
/// The auto-scaling HTTP service: a new VPC with public subnets in two zones, a load balancer on port 80,
/// and 1 to 5 Docker hosts that scale on the load balancer's requests per minute (over 40: one more; under
/// 20, or none at all: one fewer). Parameter and output names stay stable, so plain aws cloudformation commands keep working.
/// </summary>
public static class HttpServiceTemplate
{
    /// <summary>The fewest servers.</summary>
    public const int MinServers = 1;

    /// <summary>The most servers.</summary>
    public const int MaxServers = 5;

    /// <summary>Above this many requests in a minute, one server is added.</summary>
    public const int ScaleOutAboveRequestsPerMinute = 40;

    /// <summary>Below this many requests in a minute (a minute without any included), one server is removed.</summary>
    public const int ScaleInBelowRequestsPerMinute = 20;

    /// <summary>The VPC's address range; also the default <c>SshCidr</c>, so SSH is closed to the internet until a caller opens it.</summary>
    public const string VpcCidr = "10.0.0.0/16";

    internal const string GroupLogicalId = "AutoScalingGroup";

    // A first boot (Docker, the image pull, the signal) fits in 15 minutes with room to spare.
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromMinutes(15);

    /// <summary>A first boot's usual length (Docker installed, the image pulled, the service answering): the warm-up with CPU scaling.</summary>
    internal const int BootWarmupSeconds = 120;

    /// <summary>Seconds between the load balancer's health checks: AWS's minimum, so a new server is routable about 10 s after it answers.</summary>
    internal const int HealthCheckIntervalSeconds = 5;

    /// <summary>Seconds a health check waits (less than the interval, as the Classic load balancer requires).</summary>
    internal const int HealthCheckTimeoutSeconds = 4;

    /// <summary>Passed checks that make a server healthy: AWS's minimum.</summary>
    internal const int HealthyThreshold = 2;

    /// <summary>Failed checks that make a server unhealthy: 15 s to drop a dead one, yet one slow answer is not a replacement.</summary>
    internal const int UnhealthyThreshold = 3;

    /// <summary>Seconds a leaving server keeps its in-flight requests: this service's requests take milliseconds.</summary>
    internal const int DrainSeconds = 15;

    /// <summary>Burstable families, which launch with the credit option EC2 picks unless told (T3 and later: unlimited).</summary>
    private static readonly string[] BurstableFamilies = ["t2", "t3", "t3a", "t4g"];

    private static readonly Value<ScalingProcess>[] ProcessesSuspendedDuringUpdates =
        [ScalingProcess.HealthCheck, ScalingProcess.ReplaceUnhealthy, ScalingProcess.AZRebalance, ScalingProcess.AlarmNotification, ScalingProcess.ScheduledActions];

    internal const string CidrPattern =
        @"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])$";

    /// <summary>Builds the template; <paramref name="options"/> null means the defaults.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static Template Build(HttpServiceOptions? options = null)
    {
        options ??= new HttpServiceOptions();
        options.Validate();

        var template = new Template
        {
            Description = $"StackKit HTTP service: a Docker image behind a load balancer on {MinServers} to {MaxServers} auto-scaling EC2 instances.",
        };
        OptionsMetadata.Write(template, options);
        var image = ImageId(template, options);
        var dockerImage = template.Add(new Parameter(HttpServiceNames.DockerImage, ParameterTypes.String)
        {
            Description = "The Docker image the instances run; it serves HTTP on the container port.",
            Default = options.DefaultDockerImage,
            AllowedPattern = HttpServiceOptions.DockerImageAllowedPattern,
            ConstraintDescription = "an image reference such as registry/name:tag",
        });
        var instanceType = template.Add(new Parameter(HttpServiceNames.InstanceType, ParameterTypes.String)
        {
            Description = "The EC2 instance type.",
            Default = options.DefaultInstanceType,
            AllowedPattern = HttpServiceOptions.InstanceTypeAllowedPattern,
            ConstraintDescription = "an instance type such as t3.micro",
        });
        AddServiceCredentialParameters(template);
        var ssh = options.SshAccess ? AddSshParameters(template) : null;

        var network = Network.Add(template);
        var (loadBalancerGroup, instanceGroup) = AddSecurityGroups(template, network, ssh, options);
        var frontEnd = options.EffectiveLoadBalancer == LoadBalancerKind.Classic
            ? ClassicLoadBalancer(template, network, loadBalancerGroup)
            : ApplicationLoadBalancer(template, network, loadBalancerGroup, options);
        var keyStore = options.FleetKeyStore ? KeyStore.Add(template, options.KeyApproval) : null;
        var logGroup = keyStore is not null && options.HasCentralLogs ? CentralLogs.Add(template, keyStore) : null;
        if (keyStore is not null && options.PullsPrivateImages)
        {
            ImageRepository.Add(template, keyStore, options);
        }
        var topic = options.NotificationEmail is null ? null : Notifications.Add(template, options);
        var auditLog = keyStore is null ? null : KeyAudit.Add(template, keyStore, topic);
        if (logGroup is not null && topic is not null)
        {
            KeyAudit.AddRefusedPasswordAlarm(template, logGroup, topic);
        }
        var healthCheck = keyStore is null ? null : frontEnd.HealthCheck();
        if (keyStore is not null && healthCheck is not null)
        {
            keyStore.AllowReading(healthCheck.Action, "LoadBalancerHealthRead");
        }
        var launchTemplate = template.Add(new LaunchTemplate("LaunchTemplate")
        {
            LaunchTemplateData = new LaunchTemplateData
            {
                ImageId = image,
                InstanceType = instanceType.Ref,
                KeyName = ssh is null ? null : Fn.If(ssh.HasKey, ssh.KeyName.Ref, Pseudo.NoValue<string>()),
                SecurityGroupIds = new[] { instanceGroup.GroupId },
                IamInstanceProfile = keyStore is null ? null : new IamInstanceProfile { Arn = keyStore.InstanceProfile.Arn },
                // IMDSv2 only. The container is one hop further than the host: with the key store it needs the
                // role's credentials (hop limit 2); without it, one hop keeps the container away from metadata.
                MetadataOptions = new MetadataOptions { HttpEndpoint = HttpEndpointState.Enabled, HttpTokens = HttpTokensState.Required, HttpPutResponseHopLimit = keyStore is null ? 1 : 2 },
                // One-minute instance metrics, which the CPU scale-in alarm reads.
                Monitoring = options.CpuScaling ? new LaunchTemplateMonitoring { Enabled = true } : null,
                UserData = Fn.Base64(Fn.Sub(UserDataScript.For(dockerImage.LogicalId, GroupLogicalId, options.ContainerPort, keyStore?.Table.LogicalId, logGroup?.LogicalId, healthCheck,
                    options.SshKeyLifetimeHours, options.AllowSshForwarding, options.PullsPrivateImages, options.KeyApproval))),
                TagSpecifications =
                [
                    new TagSpecification { ResourceType = ResourceType.Instance, Tags = StackNameTags() },
                    new TagSpecification { ResourceType = ResourceType.Volume, Tags = StackNameTags() },
                ],
            },
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.LaunchTemplate, Tags = StackNameTags() }],
        });
        StandardCredits(template, launchTemplate, instanceType);
        var group = AddGroup(template, network, launchTemplate, frontEnd, options.CpuScaling);
        if (topic is not null)
        {
            group.NotificationConfigurations = [Notifications.LaunchErrors(topic)];
        }
        if (options.HasHealthAlarms)
        {
            Notifications.AddAlarms(template, topic, frontEnd.MetricNamespace, frontEnd.ApplicationLoadBalancer is not null, frontEnd.HostDimensions, frontEnd.NewDimension);
        }
        RequestScaling.Add(template, group, frontEnd.MetricNamespace, frontEnd.NewDimension, frontEnd.HostDimensions, options.CpuScaling);
        if (options.CpuScaling)
        {
            TargetTracking.Add(template, group, frontEnd.ApplicationLoadBalancer, frontEnd.TargetGroup, frontEnd.Listeners);
        }

        template.Add(Https.UrlOutput(options, frontEnd.DnsName));
        template.Add(new Output(HttpServiceNames.AutoScalingGroupOutput, group.Ref)
        {
            Description = "The Auto Scaling group's name (a listing reads the servers' capacity from it).",
        });
        keyStore?.AddOutput(template, options.SshKeyLifetimeHours, options.KeyApproval);
        if (auditLog is not null)
        {
            KeyAudit.AddOutput(template, auditLog);
        }

        template.Validate();
        return template;
    }

    // Burstable types run on earned credits only: T3's default, unlimited, bills every hour above the baseline (10 % on
    // a t3.micro), which CPU target tracking at 50 % would buy without end. Other families take no credit option.
    private static void StandardCredits(Template template, LaunchTemplate launchTemplate, Parameter instanceType)
    {
        var family = Fn.Select(0, new ValueList<string>(new Intrinsic("Fn::Split", new ListExpression([Literal.Of("."), instanceType.Ref.Expression]))));
        var burstable = template.Add(new Condition("IsBurstable", Fn.Or([.. BurstableFamilies.Select(name => Fn.Equals(family, name))])));
        launchTemplate.LaunchTemplateData!.Properties["CreditSpecification"] = new Intrinsic("Fn::If", new ListExpression(
            [Literal.Of(burstable.LogicalId), new CreditSpecification { CpuCredits = "standard" }.Properties, Pseudo.NoValue<string>().Expression]));
    }

    private static Value<string> ImageId(Template template, HttpServiceOptions options)
    {
        if (options.AmiId is not null)
        {
            return template.Add(new Parameter(HttpServiceNames.AmiId, ParameterTypes.ImageId)
            {
                Description = "The AMI the instances run.",
                Default = options.AmiId,
            }).Ref;
        }
        var amiId = template.Add(new Parameter(HttpServiceNames.AmiId, ParameterTypes.String)
        {
            Description = "The AMI the instances run; empty means the latest Amazon Linux 2023 (from LatestAmiId).",
            Default = string.Empty,
            AllowedPattern = "^(ami-[0-9a-f]{8}([0-9a-f]{9})?)?$",
            ConstraintDescription = "empty, or an AMI id such as ami-0123456789abcdef0",
        });
        var latest = template.Add(new Parameter(HttpServiceNames.LatestAmiId, ParameterTypes.SsmImageId)
        {
            Description = "The SSM parameter holding the AMI used when AmiId is empty.",
            Default = options.AmiSsmParameter,
        });
        var hasAmiId = template.Add(new Condition("HasAmiId", Fn.Not(Fn.Equals(amiId.Ref, string.Empty))));
        return Fn.If(hasAmiId, amiId.Ref, latest.Ref);
    }

    /// <summary>
    /// The Basic credentials of <c>POST /add_public_key</c>. Their defaults are admin and, with an empty hash, the
    /// server's "secret", so a create-stack without them still deploys; pass your own. The password comes only as its
    /// salted slow hash (<see cref="Keys.PasswordHash"/>), and the pattern refuses a plaintext password.
    /// </summary>
    private static void AddServiceCredentialParameters(Template template)
    {
        template.Add(new Parameter(HttpServiceNames.ServiceUsername, ParameterTypes.String)
        {
            Description = "The user name POST /add_public_key accepts.",
            Default = "admin",
            AllowedPattern = "^[A-Za-z0-9._@-]{1,64}$",
            ConstraintDescription = "1 to 64 letters, digits or . _ @ -",
        });
        template.Add(new Parameter(HttpServiceNames.ServicePasswordHash, ParameterTypes.String)
        {
            Description = "The PBKDF2-SHA256 hash of the password POST /add_public_key accepts (never the password: see docs/templates.md for the " +
                          "python3 one-liner). Empty keeps the server's weak default password (secret).",
            Default = string.Empty,
            NoEcho = true,
            AllowedPattern = Keys.PasswordHash.PatternOrEmpty,
            ConstraintDescription = "empty, or " + Keys.PasswordHash.Format,
        });
    }

    private static SshParameters AddSshParameters(Template template)
    {
        var keyName = template.Add(new Parameter(HttpServiceNames.SshKeyName, ParameterTypes.String)
        {
            Description = "The EC2 key pair for SSH to the instances; empty means no key pair and no SSH access.",
            Default = string.Empty,
        });
        var cidr = template.Add(new Parameter(HttpServiceNames.SshCidr, ParameterTypes.String)
        {
            Description = $"The addresses SSH is allowed from when SshKeyName is set. The default, the VPC's own range ({VpcCidr}), keeps SSH closed to the internet; pass your address as a /32.",
            Default = VpcCidr,
            AllowedPattern = CidrPattern,
            ConstraintDescription = "an IPv4 CIDR block such as 203.0.113.7/32",
        });
        var hasKey = template.Add(new Condition("HasSshKey", Fn.Not(Fn.Equals(keyName.Ref, string.Empty))));
        return new SshParameters(keyName, cidr, hasKey);
    }

    private static (SecurityGroup LoadBalancer, SecurityGroup Instances) AddSecurityGroups(Template template, Network network, SshParameters? ssh, HttpServiceOptions options)
    {
        var ports = Https.Ports(options);
        var everyone = options.AllowedCidrs.Count == 1 && options.AllowedCidrs[0] == "0.0.0.0/0";
        var loadBalancerGroup = template.Add(new SecurityGroup("LoadBalancerSecurityGroup")
        {
            GroupDescription = (ports.Contains(443) ? "HTTP and HTTPS" : "HTTP") + (everyone ? " from anywhere" : " from the allowed addresses") + " to the load balancer",
            VpcId = network.Vpc.VpcId,
            SecurityGroupIngress =
            [
                .. ports.SelectMany(port => options.AllowedCidrs.Select(cidr => new IngressRule
                {
                    IpProtocol = IpProtocol.Tcp,
                    FromPort = port,
                    ToPort = port,
                    CidrIp = cidr,
                    Description = (port == 443 ? "HTTPS" : "HTTP") + (cidr == "0.0.0.0/0" ? " from anywhere" : " from " + cidr),
                })),
            ],
            Tags = StackNameTags(),
        });
        var instanceGroup = template.Add(new SecurityGroup("InstanceSecurityGroup")
        {
            GroupDescription = "HTTP from the load balancer to the instances",
            VpcId = network.Vpc.VpcId,
            SecurityGroupIngress =
            [
                new IngressRule { IpProtocol = IpProtocol.Tcp, FromPort = 80, ToPort = 80, SourceSecurityGroupId = loadBalancerGroup.GroupId, Description = "HTTP from the load balancer" },
            ],
            Tags = StackNameTags(),
        });
        if (ssh is not null)
        {
            // A rule of its own, so it exists only when a key pair is given.
            template.Add(new SecurityGroupIngress("SshIngress")
            {
                Condition = ssh.HasKey,
                GroupId = instanceGroup.GroupId,
                IpProtocol = IpProtocol.Tcp,
                FromPort = 22,
                ToPort = 22,
                CidrIp = ssh.Cidr.Ref,
                Description = "SSH from SshCidr",
            });
        }
        return (loadBalancerGroup, instanceGroup);
    }

    private static AutoScalingGroup AddGroup(Template template, Network network, LaunchTemplate launchTemplate, FrontEnd frontEnd, bool cpuScaling)
    {
        var group = template.Add(new AutoScalingGroup(GroupLogicalId)
        {
            MinSize = MinServers,
            MaxSize = MaxServers,
            VpcZoneIdentifier = new[] { network.Subnets[0].SubnetId, network.Subnets[1].SubnetId },
            LaunchTemplate = new LaunchTemplateSpecification { LaunchTemplateId = launchTemplate.Ref, Version = launchTemplate.LatestVersionNumber },
            LoadBalancerNames = frontEnd.ClassicName is { } name ? (ValueList<string>)new[] { name } : null,
            TargetGroupArns = frontEnd.TargetGroupArn is { } arn ? (ValueList<string>)new[] { arn } : null,
            HealthCheckType = HealthCheckType.Elb,
            HealthCheckGracePeriod = 300,
            // Without CPU scaling nothing aggregates instance metrics: 0 turns the default warm-up on (so the 300 s
            // default cooldown never blocks a step) and lets the request rule act every minute. With CPU scaling, a
            // booting server's CPU (package installs, the image pull) must not count toward the group's average.
            DefaultInstanceWarmup = cpuScaling ? BootWarmupSeconds : 0,
            // GroupInServiceInstances: the scale-in alarm's server count, with CPU scaling.
            MetricsCollection = cpuScaling ? [new MetricsCollection { Granularity = "1Minute", Metrics = new Value<string>[] { "GroupInServiceInstances" } }] : null,
            Tags = [new AutoScalingGroupTag { Key = "Name", Value = Pseudo.StackName, PropagateAtLaunch = true }],
            // The deploy fails if the first server never signals that it serves.
            CreationPolicy = new CreationPolicy { ResourceSignal = new ResourceSignal { Count = 1, Timeout = SignalTimeout } },
            UpdatePolicy = new UpdatePolicy
            {
                AutoScalingRollingUpdate = new AutoScalingRollingUpdate
                {
                    MinInstancesInService = 1,
                    MaxBatchSize = 1,
                    PauseTime = SignalTimeout,
                    WaitOnResourceSignals = true,
                    // The scale-in alarm stays in ALARM while the service is idle and acts every minute; left running
                    // it would fight the update's extra instance.
                    SuspendProcesses = ProcessesSuspendedDuringUpdates,
                },
            },
        });
        // Instances need the internet route to install Docker and to signal, and their subnets linked to its table.
        group.DependsOn.Add(network.PublicRoute);
        foreach (var association in network.RouteTableAssociations)
        {
            group.DependsOn.Add(association);
        }
        return group;
    }

    private static FrontEnd ClassicLoadBalancer(Template template, Network network, SecurityGroup securityGroup)
    {
        var loadBalancer = template.Add(new Classic.LoadBalancer("LoadBalancer")
        {
            Subnets = new[] { network.Subnets[0].SubnetId, network.Subnets[1].SubnetId },
            SecurityGroups = new[] { securityGroup.GroupId },
            CrossZone = true,
            // Scale-in happens in every quiet minute: let an instance's in-flight requests finish before it goes.
            ConnectionDrainingPolicy = new Classic.ConnectionDrainingPolicy { Enabled = true, Timeout = DrainSeconds },
            Listeners = [new Classic.Listener { LoadBalancerPort = 80, InstancePort = 80, Protocol = Classic.Protocol.Http }],
            HealthCheck = new Classic.HealthCheck
            {
                Target = "HTTP:80/",
                HealthyThreshold = HealthyThreshold,
                UnhealthyThreshold = UnhealthyThreshold,
                Interval = HealthCheckIntervalSeconds,
                Timeout = HealthCheckTimeoutSeconds,
            },
            Tags = StackNameTags(),
        });
        loadBalancer.DependsOn.Add(network.GatewayAttachment);
        return new FrontEnd(loadBalancer.DnsName, "AWS/ELB", new MetricDimension { Name = "LoadBalancerName", Value = loadBalancer.LoadBalancerName })
        {
            ClassicName = loadBalancer.LoadBalancerName,
        };
    }

    private static FrontEnd ApplicationLoadBalancer(Template template, Network network, SecurityGroup securityGroup, HttpServiceOptions options)
    {
        var loadBalancer = template.Add(new V2.LoadBalancer("LoadBalancer")
        {
            LoadBalancerType = V2.LoadBalancerType.Application,
            Scheme = V2.LoadBalancerScheme.InternetFacing,
            Subnets = new[] { network.Subnets[0].SubnetId, network.Subnets[1].SubnetId },
            SecurityGroups = new[] { securityGroup.GroupId },
            // Requests with header fields that are not valid HTTP never reach the servers (AWS's default routes them).
            LoadBalancerAttributes = [new V2.LoadBalancerAttribute { Key = "routing.http.drop_invalid_header_fields.enabled", Value = "true" }],
            Tags = StackNameTags(),
        });
        loadBalancer.DependsOn.Add(network.GatewayAttachment);
        var targetGroup = template.Add(new V2.TargetGroup("TargetGroup")
        {
            Port = 80,
            Protocol = V2.Protocol.Http,
            VpcId = network.Vpc.VpcId,
            TargetType = V2.TargetType.Instance,
            HealthCheckPath = "/",
            HealthCheckIntervalSeconds = HealthCheckIntervalSeconds,
            HealthCheckTimeoutSeconds = HealthCheckTimeoutSeconds,
            HealthyThresholdCount = HealthyThreshold,
            UnhealthyThresholdCount = UnhealthyThreshold,
            Matcher = new V2.Matcher { HttpCode = "200" },
            TargetGroupAttributes = [new V2.TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }],
            Tags = StackNameTags(),
        });
        Resource[] listeners;
        if (!Https.IsOn(options))
        {
            listeners = [template.Add(new V2.Listener("Listener")
            {
                LoadBalancerArn = loadBalancer.LoadBalancerArn,
                Port = 80,
                Protocol = V2.Protocol.Http,
                DefaultActions = [new V2.ListenerAction { Type = V2.ActionType.Forward, TargetGroupArn = targetGroup.TargetGroupArn }],
            })];
        }
        else
        {
            listeners = Https.AddListeners(template, options, loadBalancer, targetGroup);
            Https.AddRecord(template, options, loadBalancer);
        }
        return new FrontEnd(loadBalancer.DnsName, "AWS/ApplicationELB", new MetricDimension { Name = "LoadBalancer", Value = loadBalancer.LoadBalancerFullName })
        {
            TargetGroupArn = targetGroup.TargetGroupArn,
            ApplicationLoadBalancer = loadBalancer,
            TargetGroup = targetGroup,
            Listeners = listeners,
        };
    }

    /// <summary>The tag every taggable resource carries: Name = the stack's name.</summary>
    internal static Tag[] StackNameTags() => [new Tag { Key = "Name", Value = Pseudo.StackName }];

    private sealed record SshParameters(Parameter KeyName, Parameter Cidr, Condition HasKey);

    private sealed record FrontEnd(Value<string> DnsName, string MetricNamespace, MetricDimension Dimension)
    {
        public Value<string>? ClassicName { get; init; }

        public Value<string>? TargetGroupArn { get; init; }

        public V2.LoadBalancer? ApplicationLoadBalancer { get; init; }

        public V2.TargetGroup? TargetGroup { get; init; }

        // The listeners that forward to the target group: until one exists, the group is not the load balancer's.
        public IReadOnlyList<Resource> Listeners { get; init; } = [];

        // How a booting server asks whether this load balancer routes to it.
        public UserDataScript.LoadBalancerHealth HealthCheck() => TargetGroup is null
            ? UserDataScript.LoadBalancerHealth.Classic("LoadBalancer")
            : UserDataScript.LoadBalancerHealth.Application(TargetGroup.LogicalId);

        // The dimensions of a host count: the classic load balancer's, or the target group's within the ALB.
        public MetricDimension[] HostDimensions() => TargetGroup is null
            ? [NewDimension()]
            : [new MetricDimension { Name = "TargetGroup", Value = TargetGroup.TargetGroupFullName }, NewDimension()];

        // Each alarm gets its own copy: resources must not share mutable property objects.
        public MetricDimension NewDimension() => new() { Name = Dimension.Name, Value = Dimension.Value };
    }
}
