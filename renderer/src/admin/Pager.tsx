/** Back and forward through a paged admin list, named as the list reads (newer/older, previous/next). */
export function Pager(props: { page: number; lastPage: number; onPrevious(): void; onNext(): void; previous: string; next: string }) {
  return (
    <div className="row">
      <button type="button" disabled={props.page <= 1} onClick={props.onPrevious}>
        {props.previous}
      </button>
      <button type="button" disabled={props.page >= props.lastPage} onClick={props.onNext}>
        {props.next}
      </button>
    </div>
  );
}
