import { parseServeArgs } from '../../../local/cli/serve-options';
import { parseStartArgs } from '../../../local/cli/start-options';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:layer:shared:3';
const OTHER = 'arn:aws:lambda:eu-west-1:210987654321:layer:public-tools:12';

describe('--layer ARN=FOLDER', () => {
  it('maps repeated --layer flags by ARN on npm start and serve, = in folder names kept', () => {
    // Act
    const start = parseStartArgs(['--layer', `${ARN}=./layers/shared`, `--layer=${OTHER}=/opt/a=b`], {});
    const serve = parseServeArgs(['--stack', 's.json', '--layer', `${ARN}=./layers/shared`]);

    // Assess
    expect(start).toMatchObject({ options: { layerFolders: { [ARN]: './layers/shared', [OTHER]: '/opt/a=b' } } });
    expect(serve).toMatchObject({ layerFolders: { [ARN]: './layers/shared' } });
  });

  it.each([
    ['./layers/shared'],
    [`${ARN}=`],
    ['arn:aws:lambda:us-east-1:123456789012:layer:shared=./x'],
    ['arn:aws:lambda:us-east-1:123456789012:function:shared:3=./x'],
  ])('refuses %j naming --layer and the ARN=FOLDER shape', (value) => {
    // Act / Assess
    expect(() => parseStartArgs(['--layer', value], {})).toThrow(
      `--layer is ${JSON.stringify(value)}; allowed: ARN=FOLDER`,
    );
    expect(() => parseServeArgs(['--stack', 's', '--layer', value])).toThrow('--layer is');
  });
});
