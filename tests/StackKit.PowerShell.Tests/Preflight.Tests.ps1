BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $moto = Start-MotoServer
    $env:AWS_ACCESS_KEY_ID = 'testing'
    $env:AWS_SECRET_ACCESS_KEY = 'testing'
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_DEFAULT_REGION = 'us-east-1'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $PSDefaultParameterValues['*-HttpServiceStack:EndpointUrl'] = $moto.Endpoint

    function Get-MotoStackNames {
        aws cloudformation describe-stacks --endpoint-url $moto.Endpoint --output json | ConvertFrom-Json | ForEach-Object { $_.Stacks.StackName }
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-HttpServiceStack:EndpointUrl')
    Stop-MotoServer $moto
}

Describe 'The checks before deploying, from the cmdlets' {
    BeforeEach { Reset-MotoServer $moto }

    It 'New-HttpServiceStack with a missing key pair fails naming it, the region and the fix, and creates no stack' {
        New-HttpServiceStack -StackName 'no-key' -SshKeyName 'nobody-key' -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PreflightFailed.KeyPair,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].ToString() | Should -BeLike "Key pair 'nobody-key' does not exist in us-east-1. Create or import it there*aws ec2 create-key-pair --key-name nobody-key --region us-east-1*"
        Get-MotoStackNames | Should -BeNullOrEmpty
    }

    It "writes the checks' warnings as warnings, and the deploy goes on" {
        $stack = New-HttpServiceStack -StackName 'warned' -NoSshAccess -WarningVariable warnings -WarningAction SilentlyContinue
        $stack.Status | Should -Be 'CREATE_COMPLETE'
        # The tests reach loopback only, so the default image's registry is unreachable.
        ($warnings -join "`n") | Should -BeLike "*Could not check Docker image 'ghcr.io/stackkit/http-service:*': ghcr.io could not be reached*The deploy goes on*"
    }

    It '-SkipPreflight warns that the checks are skipped and sends what they would refuse' {
        $stack = New-HttpServiceStack -StackName 'unchecked' -SshKeyName 'nobody-key' -SkipPreflight -WarningVariable warnings -WarningAction SilentlyContinue
        $stack.Status | Should -Be 'CREATE_COMPLETE'
        ($warnings -join "`n") | Should -BeLike '*The checks before deploying are skipped*'
        ($warnings -join "`n") | Should -Not -BeLike '*Could not check*'
    }

    It '-SkipPreflight -NoWait warns too' {
        New-HttpServiceStack -StackName 'unchecked-nowait' -NoSshAccess -SkipPreflight -NoWait -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        ($warnings -join "`n") | Should -BeLike '*The checks before deploying are skipped*'
    }

    It 'Update-HttpServiceStack to a missing key pair fails and leaves the stack as it was' {
        New-HttpServiceStack -StackName 'kept' -WarningAction SilentlyContinue | Out-Null
        Update-HttpServiceStack -StackName 'kept' -SshKeyName 'nobody-key' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PreflightFailed.KeyPair,*'
        $kept = Get-HttpServiceStack -StackName 'kept'
        $kept.Status | Should -Be 'CREATE_COMPLETE'
        $kept.Parameters['SshKeyName'] | Should -Be ''
    }
}
