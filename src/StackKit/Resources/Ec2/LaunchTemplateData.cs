using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>The instance settings of a launch template.</summary>
public sealed class LaunchTemplateData : PropertyObject
{
    /// <summary>The AMI.</summary>
    public Value<string>? ImageId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The instance type.</summary>
    public Value<string>? InstanceType { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The key pair for SSH.</summary>
    public Value<string>? KeyName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Security groups of the instances.</summary>
    public ValueList<string>? SecurityGroupIds { get => GetList<string>(); set => SetList(value); }

    /// <summary>The instance profile (and so the IAM role) the instances get.</summary>
    public IamInstanceProfile? IamInstanceProfile { get => GetObject<IamInstanceProfile>(); set => SetObject(value); }

    /// <summary>Instance metadata service settings.</summary>
    public MetadataOptions? MetadataOptions { get => GetObject<MetadataOptions>(); set => SetObject(value); }

    /// <summary>Detailed (one-minute) CloudWatch monitoring.</summary>
    public LaunchTemplateMonitoring? Monitoring { get => GetObject<LaunchTemplateMonitoring>(); set => SetObject(value); }

    /// <summary>The CPU credit option of burstable instance types.</summary>
    public CreditSpecification? CreditSpecification { get => GetObject<CreditSpecification>(); set => SetObject(value); }

    /// <summary>The first-boot script, base64-encoded.</summary>
    public Value<string>? UserData { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Tags on what the instances create (instances, volumes).</summary>
    public IReadOnlyList<TagSpecification>? TagSpecifications { get => GetObjects<TagSpecification>(); set => SetObjects(value); }
}
