namespace StackKit.Templates;

/// <summary>The parameter types StackKit's templates use.</summary>
public static class ParameterTypes
{
    /// <summary>Any string.</summary>
#pragma warning disable CA1720 // Named after the CloudFormation type it stands for.
    public const string String = "String";
#pragma warning restore CA1720

    /// <summary>A number.</summary>
    public const string Number = "Number";

    /// <summary>The name of an existing EC2 key pair (checked by CloudFormation at deploy time).</summary>
    public const string KeyPairName = "AWS::EC2::KeyPair::KeyName";

    /// <summary>An AMI id.</summary>
    public const string ImageId = "AWS::EC2::Image::Id";

    /// <summary>The name of an SSM parameter holding an AMI id; CloudFormation resolves it at deploy time.</summary>
    public const string SsmImageId = "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>";

    /// <summary>The name of an SSM parameter holding a string.</summary>
    public const string SsmString = "AWS::SSM::Parameter::Value<String>";
}
