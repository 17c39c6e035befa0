BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    # Nothing here may reach AWS: each failure must stop the command before any call, and so before any deploy.
    $script:aws = @{ EndpointUrl = 'http://127.0.0.1:9'; Region = 'us-east-1'; AccessKey = 'AKIDFAKE'; SecretKey = 'fake-secret' }
    function Get-Failure([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }
}

Describe 'Publish-HttpServiceImage' {
    It 'refuses a missing project before building, reading the stack or deploying' {
        $missing = Join-Path $TestDrive 'no-such-project'
        $failure = $null
        $output = Publish-HttpServiceImage -Path $missing -StackName web -Deploy @aws -ErrorVariable failure -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'ImagePublishFailed.Prepare,StackKit.PowerShell.Cmdlets.PublishHttpServiceImageCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].ToString() | Should -BeLike "Project '$missing' does not exist.*dotnet new stackkit-service*"
    }

    It 'resolves -Path against the current location' {
        Push-Location $TestDrive
        try {
            $failure = $null
            Publish-HttpServiceImage -Path ./elsewhere -Repository localhost:5000/team/web @aws -ErrorVariable failure -ErrorAction SilentlyContinue
            $failure[0].ToString() | Should -BeLike "Project '$(Join-Path $TestDrive 'elsewhere')' does not exist.*"
        }
        finally { Pop-Location }
    }

    It '-Deploy without -StackName is refused' {
        $failure = Get-Failure { Publish-HttpServiceImage -Path $TestDrive -Repository localhost:5000/team/web -Deploy @aws }
        $failure.FullyQualifiedErrorId | Should -BeLike 'DeployWithoutStack,*'
    }

    It 'refuses plain HTTP to a registry off this machine' {
        $failure = $null
        Publish-HttpServiceImage -Path $TestDrive -Repository http://registry.example.com/team/web @aws -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidImageDestination,*'
        $failure[0].ToString() | Should -BeLike '*plain HTTP only to one on this machine*'
    }
}

Describe 'Piping a published image into Update-HttpServiceStack' {
    It 'binds -DockerImage and -StackName by property name from the result' {
        $image = [StackKit.ImagePublishResult]@{
            DockerImage = 'Not A Reference'; TaggedImage = 'localhost:5000/web:0.1.0-abc1234'; Tag = '0.1.0-abc1234'
            Digest = 'sha256:' + ('0' * 64); Platforms = [string[]]@('linux/amd64'); StackName = 'web'
        }
        # An invalid reference fails -DockerImage's own validation: proof that the pipeline bound it, before any call.
        $failure = Get-Failure { $image | Update-HttpServiceStack @aws -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $failure.ToString() | Should -BeLike "*DockerImage*"
    }
}
