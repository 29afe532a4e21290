/**
 * A VPC with two private subnets and a security group in moto, for ECS services (moto checks that
 * the subnets and groups of awsvpc services exist). Clawster never creates networks, so the app has
 * no EC2 client: these few EC2 Query API calls are made by hand. moto does not check signatures
 * while authentication is off; it only reads the service and region from the Authorization header.
 */
export interface MotoNetwork {
  vpcId: string;
  subnetIds: string[];
  securityGroupId: string;
}

async function ec2(endpoint: string, region: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAMOTOTESTKEY00001/20260101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Version: '2016-11-15', ...params }).toString(),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`EC2 ${params.Action} failed in moto: HTTP ${res.status} ${text}`);
  return text;
}

function pick(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml);
  if (!m?.[1]) throw new Error(`no <${tag}> in moto's answer: ${xml.slice(0, 300)}`);
  return m[1];
}

export async function createMotoNetwork(endpoint: string, region = 'eu-west-1'): Promise<MotoNetwork> {
  const vpcId = pick(
    await ec2(endpoint, region, { Action: 'CreateVpc', CidrBlock: '10.42.0.0/16' }),
    'vpcId',
  );
  const subnetIds: string[] = [];
  for (const cidr of ['10.42.1.0/24', '10.42.2.0/24'])
    subnetIds.push(
      pick(
        await ec2(endpoint, region, { Action: 'CreateSubnet', VpcId: vpcId, CidrBlock: cidr }),
        'subnetId',
      ),
    );
  const securityGroupId = pick(
    await ec2(endpoint, region, {
      Action: 'CreateSecurityGroup',
      VpcId: vpcId,
      GroupName: 'clawster-bots',
      GroupDescription: 'OpenClaw gateways, no public inbound',
    }),
    'groupId',
  );
  return { vpcId, subnetIds, securityGroupId };
}
