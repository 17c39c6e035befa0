BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    # Nothing here may reach AWS: a refused value must stop the command at binding, before any call.
    $script:nowhere = 'http://127.0.0.1:9'
    function Get-BindingFailure([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }
    function New-Credential([string] $User, [string] $Password) {
        [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }
}

Describe 'Validation at binding' {
    It 'try/catch catches an invalid stack name, and the script does not go on with $null' {
        $reached = $false
        try {
            $stack = New-HttpServiceStack -StackName 1bad -EndpointUrl $nowhere -Region us-east-1
            $reached = $true
        }
        catch {
            $caught = $_
        }
        $reached | Should -BeFalse
        $caught.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $caught.ToString() | Should -BeLike "*Stack name '1bad' is not valid*"
    }

    It '-WhatIf refuses what the real run would refuse: no "would create" for an invalid name' {
        $failure = Get-BindingFailure { New-HttpServiceStack -StackName 1bad -WhatIf }
        $failure | Should -Not -BeNullOrEmpty
        $failure.ToString() | Should -BeLike "*'StackName'*"
    }

    It '<_> refuses an invalid stack name at binding' -ForEach @('Update-HttpServiceStack', 'Remove-HttpServiceStack', 'Get-HttpServiceStack', 'Get-HttpServiceSshKey', 'Add-HttpServiceSshKey', 'Remove-HttpServiceSshKey', 'Get-HttpServiceLog') {
        $cmdletName = $_
        $arguments = @{ StackName = 'no_underscores'; EndpointUrl = $nowhere; Region = 'us-east-1' }
        switch ($cmdletName) {
            'Update-HttpServiceStack' { $arguments.InstanceType = 't3.small' }
            'Add-HttpServiceSshKey' { $arguments.PublicKey = 'ssh-ed25519 AAAA' }
            'Remove-HttpServiceSshKey' { $arguments.Fingerprint = 'SHA256:x'; $arguments.Force = $true }
            'Remove-HttpServiceStack' { $arguments.Force = $true }
        }
        $failure = try { & $cmdletName @arguments -ErrorAction Stop } catch { $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $failure.ToString() | Should -BeLike "*'no_underscores' is not valid*"
    }

    It 'Get-HttpServiceStack still takes wildcards' {
        $failure = Get-BindingFailure { Get-HttpServiceStack -StackName 'web_*' -EndpointUrl $nowhere -Region us-east-1 -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -Not -BeLike 'ParameterArgumentValidationError,*'
    }

    It 'a bad CIDR or AMI id is refused at binding in the template''s words' {
        (Get-BindingFailure { New-HttpServiceStack -StackName ok -SshCidr 203.0.113.7 -WhatIf }).ToString() | Should -BeLike "*'SshCidr'*IPv4 CIDR block such as 203.0.113.7/32*"
        (Get-BindingFailure { Update-HttpServiceStack -StackName ok -AmiId ami-123 -WhatIf }).ToString() | Should -BeLike "*'AmiId'*AMI id such as*"
        (Get-BindingFailure { Export-HttpServiceTemplate -AmiId ami-123 }).ToString() | Should -BeLike "*'AmiId'*"
    }
}

Describe 'Parameter sets: -NoSshAccess excludes -SshKeyName and -SshCidr' {
    It 'refuses -NoSshAccess with <_> as a parameter-set error, without template internals' -ForEach @('SshCidr', 'SshKeyName') {
        $arguments = @{ StackName = 'ok'; NoSshAccess = $true; WhatIf = $true }
        $arguments[$_] = if ($_ -eq 'SshCidr') { '203.0.113.7/32' } else { 'k' }
        $failure = Get-BindingFailure { New-HttpServiceStack @arguments }
        # -NoSshAccess is a declared option's dynamic parameter: PowerShell binds it after the set is already SshAccess.
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterNotInParameterSet,*'
        $failure.ToString() | Should -Be "Parameter 'NoSshAccess' cannot be specified in parameter set 'SshAccess'."
    }

    It 'shows the two ways in the syntax' {
        $sets = (Get-Command New-HttpServiceStack).ParameterSets
        ($sets | Where-Object Name -EQ 'NoSshAccess').Parameters.Name | Should -Not -Contain 'SshCidr'
        ($sets | Where-Object Name -EQ 'SshAccess').Parameters.Name | Should -Contain 'SshKeyName'
        ($sets | Where-Object Name -EQ 'SshAccess').Parameters.Name | Should -Not -Contain 'NoSshAccess'
        (Get-Command New-HttpServiceStack).DefaultParameterSet | Should -Be 'SshAccess'
    }

    It 'takes either alone' {
        { New-HttpServiceStack -StackName ok -NoSshAccess -WhatIf } | Should -Not -Throw
        { New-HttpServiceStack -StackName ok -SshKeyName k -SshCidr 203.0.113.7/32 -WhatIf } | Should -Not -Throw
    }
}

Describe 'Docker image references follow the distribution spec''s grammar' {
    It 'refuses <Image>: <Why>' -ForEach @(
        @{ Image = 'Registry/Web:1'; Why = 'lower-case repository path'; Expected = "*'Web' is not a repository name*lowercase*" }
        @{ Image = 'example/web:-1'; Why = 'a tag cannot start with -'; Expected = "*'-1' is not an image tag*" }
        @{ Image = 'example/web@sha256:abc'; Why = 'a digest has 64 hex digits'; Expected = '*not an image digest*' }
        @{ Image = 'example/web$(reboot):1'; Why = 'no shell characters'; Expected = "*'DockerImage'*" }
    ) {
        (Get-BindingFailure { Update-HttpServiceStack -StackName web -DockerImage $Image -WhatIf }).ToString() | Should -BeLike $Expected
    }

    It 'takes <_>' -ForEach @('nginx', 'example/web:1.4', 'registry.example.com:5000/team/web-app:2026.1', '127.0.0.1:5000/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'ghcr.io/stackkit/http-service:0.1.0') {
        $image = $_
        # New -WhatIf makes no call; Update -WhatIf previews with a change set (Production.Tests.ps1).
        { New-HttpServiceStack -StackName web -DockerImage $image -WhatIf } | Should -Not -Throw
    }
}

Describe 'Service passwords: any 12 to 128 characters, as only their hash is sent' {
    It 'takes a password with <_>' -ForEach @('!', '#', '%&()*+,', ';<=>?', '[]^{|}~', ':/@.', ' a space', "'", '"', '$(id)', '`', '\') {
        $credential = New-Credential 'admin' "Str0ng-enough$_"
        { New-HttpServiceStack -StackName ok -ServiceCredential $credential -WhatIf } | Should -Not -Throw
    }

    It 'refuses a password with <Name>, saying what it must be and never the password' -ForEach @(
        @{ Name = 'fewer than 12 characters'; Password = 'Sh0rt!' }
        @{ Name = 'more than 128 characters'; Password = 'L0ng-' * 26 }
        @{ Name = 'a control character'; Password = "Str0ng`tenough!" }
    ) {
        $failure = Get-BindingFailure { New-HttpServiceStack -StackName ok -ServiceCredential (New-Credential 'admin' $Password) -WhatIf }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $failure.ToString() | Should -BeLike '*not a valid service password: use 12 to 128 characters, none of them a control character*'
        $failure.ToString() | Should -Not -BeLike "*$([WildcardPattern]::Escape($Password))*"
    }

    It 'refuses a user name with a colon, which Basic authentication cannot carry' {
        (Get-BindingFailure { New-HttpServiceStack -StackName ok -ServiceCredential (New-Credential 'ad:min' 'Str0ng-enough!') -WhatIf }).ToString() |
            Should -BeLike "*'ad:min' is not a valid ServiceUsername: 1 to 64 letters, digits or . _ @ -*"
    }
}
