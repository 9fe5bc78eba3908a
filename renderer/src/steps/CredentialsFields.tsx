/** The email and password a flow's steps use, edited in one place at the top of the flow. */
export function CredentialsFields(props: {
  legend: string;
  email: string;
  onEmail: (value: string) => void;
  password: string;
  onPassword: (value: string) => void;
  /** What the password is called in this flow, e.g. "Old password" in recovery. */
  passwordLabel?: string;
}) {
  return (
    <fieldset className="credentials">
      <legend>{props.legend}</legend>
      <label>
        Email
        <input type="email" value={props.email} onChange={(e) => props.onEmail(e.target.value)} />
      </label>
      <label>
        {props.passwordLabel ?? 'Password'}
        <input type="text" value={props.password} onChange={(e) => props.onPassword(e.target.value)} />
      </label>
    </fieldset>
  );
}
