from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from satker.selectors import satker_visible


@login_required
def beranda(request):
    return render(request, "satker/beranda.html", {"daftar_satker": satker_visible(request.user)})
