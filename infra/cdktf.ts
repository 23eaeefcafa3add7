/**
 * The only file that imports the `cdktf` package. CDKTF is archived upstream (0.21.0 is its last release);
 * CDK Terrain (`cdktn`) is the drop-in successor, so moving to it means changing the module name here
 * (and the CLI in package.json), not every construct.
 */

export type { ITerraformDependable } from 'cdktf';
export {
  Annotations,
  App,
  AssetType,
  Fn,
  LocalBackend,
  S3Backend,
  TerraformAsset,
  TerraformOutput,
  TerraformStack,
  Testing,
  Token,
} from 'cdktf';
