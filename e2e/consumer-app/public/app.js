// A page as an app configured for `supabase start` writes it: supabase-js with PKCE, the local
// anon key. ?supabase= names another Supabase URL (the Playwright fixture's worker).
const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const params = new URLSearchParams(location.search);
const supabaseUrl = params.get('supabase') ?? 'http://127.0.0.1:54321';
const home = `${location.origin}/${params.has('supabase') ? `?supabase=${encodeURIComponent(supabaseUrl)}` : ''}`;
const client = window.supabase.createClient(supabaseUrl, ANON_KEY, { auth: { flowType: 'pkce' } });

const status = document.getElementById('status');
const error = document.getElementById('error');
const show = (message) => (status.textContent = message);

// a mail link that failed comes back with GoTrue's error in the query or the fragment
const fragment = new URLSearchParams(location.hash.slice(1));
const failed = params.get('error_code') ?? fragment.get('error_code');
if (failed) error.textContent = `${failed}: ${params.get('error_description') ?? fragment.get('error_description')}`;

// before the first await: the page's load event does not wait for a module's top-level await
document.getElementById('account').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const email = String(form.get('email'));
  const options = { emailRedirectTo: home };
  const { data, error: failure } =
    event.submitter.value === 'sign-up'
      ? await client.auth.signUp({ email, password: String(form.get('password')), options })
      : await client.auth.signInWithOtp({ email, options });
  if (failure) error.textContent = failure.message;
  else show(data.session ? `Signed in as ${data.session.user.email}` : `Check your email, ${email}`);
});

const { data } = await client.auth.getSession();
show(data.session ? `Signed in as ${data.session.user.email}` : 'Signed out');
